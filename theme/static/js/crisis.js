// Crisis lines first: shows the lines of the search page's crisis box whose phrases the
// query says. The rule of plugins/repertoire/crisis.py (lower case, no accents, a final s or
// x dropped, one typing slip in a long word, a phrase's words one after the other, in either
// language); tests/test_crisis.py runs one table through both. Words and folding are
// search's own (search-terms.js).
import { fold, words } from "./search-terms.js";

const SLIP_FROM = 6; // letters: see crisis.py
const DOUBLED_FROM = 3; // letters of a word said with a letter doubled or undoubled (crisis.py)

export function keyWords(text) {
  const keys = words(text).map(fold).map((w) => (w.length > 3 && /[sx]$/.test(w) ? w.slice(0, -1) : w));
  // An age left out ("ma fille de 15 ans est pas rentrée": crisis.py key_words).
  const kept = [];
  for (let i = 0; i < keys.length; i += 1) {
    if (keys[i] === "de" && i + 2 < keys.length && /^[0-9]+$/.test(keys[i + 1]) && ["an", "ans"].includes(keys[i + 2])) {
      i += 2;
      continue;
    }
    kept.push(keys[i]);
  }
  return kept;
}

// `typed` is `word` with one letter left out or added, or two neighbours swapped (never a
// letter changed: "insured" is not "injured"); the first letter right. Compared letter by
// letter (code points), as Python does.
export function oneSlip(typedText, wordText) {
  const typed = Array.from(typedText);
  const word = Array.from(wordText);
  const rest = (letters, from) => letters.slice(from).join("");
  if (typedText === wordText || typed[0] !== word[0] || Math.abs(typed.length - word.length) > 1) return false;
  let i = 0;
  while (i < typed.length && i < word.length && typed[i] === word[i]) i += 1;
  if (typed.length === word.length) {
    return typed[i] === word[i + 1] && typed[i + 1] === word[i] && rest(typed, i + 2) === rest(word, i + 2);
  }
  const [short, long] = typed.length < word.length ? [typed, word] : [word, typed];
  return rest(short, i) === rest(long, i + 1);
}

// `typed` is `word` with one letter typed twice, or a doubled letter typed once ("kil" for
// "kill": crisis.py doubled_slip), compared by code points.
export function doubledSlip(typedText, wordText) {
  const typed = Array.from(typedText);
  const word = Array.from(wordText);
  if (Math.abs(typed.length - word.length) !== 1) return false;
  const [short, long] = typed.length < word.length ? [typed, word] : [word, typed];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i += 1;
  // long[i] is the letter too many: the same as one beside it.
  return short.slice(i).join("") === long.slice(i + 1).join("") && (long[i] === long[i - 1] || long[i] === long[i + 1]);
}

// A count in a phrase ("took 10 pills") is any count from ten up, or one in words, with a few
// small words around it (crisis.py COUNT, COUNT_WORDS, NEAR_COUNT: the box gives the words).
const COUNT = "10+";
const AROUND_COUNT = 3;
let countWords = new Set();
let nearCount = new Set();
export function useCountWords(counts, near) {
  // Never "": a word said as part of an `unless` phrase is blanked so (saysOneOf).
  countWords = new Set(counts.filter(Boolean));
  nearCount = new Set(near.filter(Boolean));
}
const isCount = (typed) => countWords.has(typed) || (/^[0-9]{1,6}$/.test(typed) && Number(typed) >= 10);

// `among`: the words of the phrase (a doubled letter only in a phrase of several: crisis.py).
export function says(typed, word, among = 1) {
  if (word === COUNT) return isCount(typed);
  if (typed === word) return true;
  const length = Array.from(word).length;
  if (length >= SLIP_FROM && oneSlip(typed, word)) return true;
  return among > 1 && length >= DOUBLED_FROM && !/^[0-9]+$/.test(word) && doubledSlip(typed, word);
}

// Where in a query's key words a phrase (its words joined by spaces) is said, one word after
// the other: [first, how many typed words say it] (crisis.py _said_at).
function saidAt(typed, phrase) {
  const wanted = phrase.split(" ");
  const found = [];
  for (let i = 0; i < typed.length; i++) {
    const end = endOf(typed, i, wanted, 0);
    if (end !== null) found.push([i, end - i]);
  }
  return found;
}

// Where the typed words from `at` stop saying the phrase's words from `word` on, or null; an
// elided word typed without its apostrophe ("jai") says it and the next one (crisis.py _end_of).
function endOf(typed, at, wanted, word) {
  if (word === wanted.length) return at;
  if (at === typed.length) return null;
  if (wanted[word] === COUNT) return endOfCount(typed, at, wanted, word);
  if (says(typed[at], wanted[word], wanted.length)) {
    const end = endOf(typed, at + 1, wanted, word + 1);
    if (end !== null) return end;
  }
  if (Array.from(wanted[word]).length === 1 && word + 1 < wanted.length && says(typed[at], wanted[word] + wanted[word + 1], wanted.length)) {
    return endOf(typed, at + 1, wanted, word + 2);
  }
  return null;
}

// endOf() at a phrase's count: a few small words, the count, a few more (crisis.py _end_of_count).
function endOfCount(typed, from, wanted, word) {
  let at = from;
  while (at < typed.length && at - from < AROUND_COUNT && !isCount(typed[at]) && nearCount.has(typed[at])) at += 1;
  if (at === typed.length || !isCount(typed[at])) return null;
  at += 1;
  for (let i = 0; i <= AROUND_COUNT; i += 1) {
    const end = endOf(typed, at, wanted, word + 1);
    if (end !== null) return end;
    if (at === typed.length || !(nearCount.has(typed[at]) || isCount(typed[at]))) return null;
    at += 1;
  }
  return null;
}

// Whether a query has one of some phrases, its words one after the other (crisis.py
// says_phrase), not as part of one of the `unless` phrases (crisis.py without).
export function saysOneOf(phrases, query, unless = []) {
  const typed = keyWords(query);
  const said = [...typed];
  for (const phrase of unless.filter(Boolean)) {
    for (const [i, size] of saidAt(typed, phrase)) said.fill("", i, i + size);
  }
  return phrases.some((phrase) => Boolean(phrase) && saidAt(said, phrase).length > 0);
}

// Each <li data-crisis-phrases="word word|word" data-crisis-unless="..."> of the box: shown
// when the query says one phrase.
// Whether a word typed is, as typed, a word of the phrases of a line shown ("danger" of "in
// danger"; not "helth", which a line says with a slip and the search reads as "health"). The
// phrases are given as key words already: made key words again, "hopeless" was "hopele".
export function aWordOfTheLinesShown(box, word) {
  const [typed] = keyWords(word);
  if (!box || !typed) return false;
  return [...box.querySelectorAll("[data-crisis-phrases]:not([hidden])")]
    .some((item) => item.dataset.crisisPhrases.split("|").some((phrase) => phrase.split(" ").includes(typed)));
}

// Whether one showed.
export function showCrisisLines(box, query) {
  if (!box) return false;
  useCountWords((box.dataset.crisisCounts || "").split(" "), (box.dataset.crisisNearCount || "").split(" "));
  let any = false;
  for (const item of box.querySelectorAll("[data-crisis-phrases]")) {
    const unless = (item.dataset.crisisUnless || "").split("|");
    const match = saysOneOf(item.dataset.crisisPhrases.split("|"), query, unless);
    item.hidden = !match;
    any = any || match;
  }
  box.hidden = !any;
  return any;
}

// The lines shown, as sentences: "Talk to someone now. 9-8-8 Suicide crisis line, 24/7."
export function crisisLinesSaid(box) {
  const sentence = (element) => element.textContent.replace(/\s+/g, " ").trim().replace(/[.:]$/, "");
  const lines = [...box.querySelectorAll("li:not([hidden])")].map(sentence);
  return `${[sentence(box.querySelector(".crisis__title")), ...lines].join(". ")}.`;
}
