// The search index in the browser: fetches only the files a query needs and ranks as lunr.js
// would (lunr.js's stemmers make the terms: search-terms.js). The same steps as plugins/search_index/query.py (see plugins/search_index/index.py
// for the files): a change here is a change there, and tests/test_search.py compares them.
import { Facets } from "./facets.js";
import { firstCall } from "./record.js";
import { asciiWords, fold, term, words } from "./search-terms.js";

// Boosts of the terms a typed word stands for: the word itself, longer words it starts
// (typing in progress), and for a word the directory does not have, the words one typo
// away (5 letters or more).
// Fewer documents than this having every word of a need of WIDEN_FROM words or more: those with
// all but one of them are candidates too (query.py candidates).
const WIDEN_BELOW = 10;
const WIDEN_FROM = 3;
// Fewer documents than this having both words of a need of two: those with the rarer word too.
const FEW_TOGETHER = 3;
export const EXACT = 10;
export const PREFIX = 4;
export const TYPO = 3; // query.py's: a guess at a third of the word,
const FAR_TYPO = 1; // one of another first letter ("fille", "ville") at a tenth
const isGuess = (boost) => boost === TYPO || boost === FAR_TYPO;
const PREFIX_TERMS = 30;
const WHOLE_LAST_WORD = 4; // query.py's: letters of a last word the directory has, not completed
const PLACE_FIELDS = ["place", "area", "name", "other_names"]; // query.py PLACE_FIELDS
const WHERE_FIELDS = ["place", "area"]; // where a record is, and serves (query.py)
const TYPO_MIN_LENGTH = 5;
const PLURAL_TYPO_MIN_LENGTH = 6; // query.py's: a singular of six letters or more
const STEM_TYPO_MIN_LENGTH = 7; // query.py's: a stem compared one typo away (nearInStem)
const FAMILY_TYPO_MIN_LENGTH = 6; // query.py's: a word compared one typo from a family's forms
const TWO_TYPOS_MIN_LENGTH = 9; // query.py's: a word compared two typos away, when nothing else is near
const TYPO_LETTERS = "abcdefghijklmnopqrstuvwxyz"; // query.py's: what a typo adds or puts instead
const PLACE_PIECES = 6; // query.py's: the most pieces of a query one place name is
const PLACE_WEIGHT = 0.0625; // query.py's: a place's words beside a need's (exact in binary)
const SAINTS = { st: "saint", ste: "sainte" };

const foldedWords = (text) => new Set(words(text).map(fold));
const within = (some, all) => [...some].every((word) => all.has(word));

// Whether a place typed was searched by another name ("ndg" as Montréal), not the same name
// written otherwise ("troisrivieres") or with words added ("Québec (Capitale-Nationale)"):
// query.py renamed.
function renamed(replaced) {
  const compact = (text) => placeKey(text).replaceAll(" ", "");
  return replaced.some(([typed, name]) => compact(typed) !== compact(name) && !within(foldedWords(typed), foldedWords(name)));
}

// The words of a place not typed but added to the words typed ("quebec" searched as "Québec
// (Capitale-Nationale)", "Quebec City"): they choose which documents come first, none needs
// them (query.py mark_qualifiers).
function markQualifiers(replaced, planned, said) {
  const added = new Set();
  const saidWords = foldedWords(said); // a word the query said itself is needed as typed
  for (const [typed, name] of replaced) {
    const typedWords = foldedWords(typed);
    const nameWords = foldedWords(name);
    if (within(typedWords, nameWords)) for (const word of nameWords) if (!saidWords.has(word)) added.add(word);
  }
  for (const p of planned) if (p.place && added.has(fold(p.word))) p.qualifier = true;
}

// A place's name as search compares it (documents.py place_key): ASCII words, anything but a
// letter or digit between two, "St"/"Ste" as "saint"/"sainte".
export function placeKey(text) {
  const spaced = text.normalize("NFC").replace(/[^\p{L}\p{N}]/gu, " ");
  return asciiWords(spaced).split(" ").filter(Boolean).map((word) => SAINTS[word] || word).join(" ");
}

// What separates a query's pieces (query.py _PIECE_SPACE: the two languages' \s differ).
const PIECE_SPACE = /[\s\x1c-\x1f\x85]+/;
const PREFIX_MIN = 3; // letters of a last word typed that may stand for a closed organization's word

// lunr.js and its French stemmer (English stems are lunr's own) as one script, for either
// language: one request beside the query's words (search_index LUNR).
const LUNR = "theme/vendor/lunr/lunr-fr.js";
let lunrReady = null;

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.fetchPriority = "high"; // with the query's words: ranking waits for both
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${url}`));
    document.head.append(script);
  });
}

export function loadLunr(siteRoot) {
  // Fetched on the first query only.
  if (!lunrReady) {
    lunrReady = loadScript(new URL(LUNR, siteRoot));
    lunrReady.catch(() => { lunrReady = null; });
  }
  return lunrReady;
}

// The position of the last of `sorted` that is <= value (0 if none is).
function lastAtMost(sorted, value) {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sorted[mid] <= value) low = mid; else high = mid - 1;
  }
  return low;
}

function byLengthThenText(a, b) {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

// A French word stuck to the elided article or pronoun before it ("dimpot", "lhopital"):
// that word, else null (query.py elided).
const ELIDED = /^(?:qu|[cdjlmnst])(?=[aeiouyhàâäéèêëîïôöùûü])/i;
export function elided(word) {
  const found = word.length >= 4 ? ELIDED.exec(word) : null;
  if (!found) return null;
  // A pronoun's (c', j', m', n', s', t') is a verb's, of four letters at least ("sors": no "s'ors").
  const bare = word.slice(found[0].length);
  return bare.length >= 4 || ["d", "l", "qu"].includes(found[0].toLowerCase()) ? bare : null;
}

// The singular a folded word may be the plural of, if it keeps three letters (query.py plural_of).
export function pluralOf(folded) {
  return folded.length >= 4 && "sx".includes(folded[folded.length - 1]) && !/[0-9]/.test(folded) ? folded.slice(0, -1) : null;
}

export function oneTypoApart(a, b) {
  // One letter added, removed, replaced, or two neighbours swapped (lunr's own fuzzy
  // matching misses insertions and replacements).
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < Math.min(a.length, b.length) && a[i] === b[i]) i++;
  if (a.length === b.length) {
    const replaced = a.slice(i + 1) === b.slice(i + 1);
    const swapped = i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return replaced || swapped;
  }
  if (a.length < b.length) return a.slice(i) === b.slice(i + 1);
  return a.slice(i + 1) === b.slice(i);
}

// How many letters added, removed, replaced or neighbours swapped make `a` into `b`, counted
// up to most + 1, by code points, only the cells within `most` of the diagonal worked out
// (query.py typos_between).
export function typosBetween(aText, bText, most = 2) {
  const a = Array.from(aText);
  const b = Array.from(bText);
  const far = most + 1;
  if (Math.abs(a.length - b.length) > most) return far;
  let before = [];
  let above = Array.from({ length: b.length + 1 }, (_, j) => (j <= most ? j : far));
  for (let i = 1; i <= a.length; i += 1) {
    const row = new Array(b.length + 1).fill(far);
    row[0] = i <= most ? i : far;
    for (let j = Math.max(1, i - most); j <= Math.min(b.length, i + most); j += 1) {
      let cost = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2] + 1);
      row[j] = Math.min(cost, far);
    }
    if (Math.min(...row) === far) return far;
    before = above;
    above = row;
  }
  return above[b.length];
}

// A long word typed with two typos, its first letter right, not two letters replaced
// ("hebregment": query.py two_typos_apart).
export function twoTyposApart(typed, word) {
  return typed.codePointAt(0) === word.codePointAt(0) && typed !== word
    && Array.from(typed).length >= TWO_TYPOS_MIN_LENGTH && !twoReplaced(typed, word) && typosBetween(typed, word) <= 2;
}

// Whether two words differ by two letters replaced and nothing else, by code points (query.py two_replaced).
function twoReplaced(aText, bText) {
  const a = Array.from(aText);
  const b = Array.from(bText);
  if (a.length !== b.length) return false;
  const apart = a.map((x, i) => (x !== b[i] ? i : -1)).filter((i) => i >= 0);
  return apart.length === 2 && !(apart[1] === apart[0] + 1 && a[apart[0]] === b[apart[1]] && a[apart[1]] === b[apart[0]]);
}

// Every word one typo from a word but for a letter replaced, its first letter kept, in
// query.py's order (one_typo_variants).
function oneTypoVariants(wordText) {
  const word = Array.from(wordText);
  const cut = (from, to) => word.slice(from, to).join("");
  const variants = [];
  for (let i = 1; i <= word.length; i += 1) {
    for (const letter of TYPO_LETTERS) variants.push(cut(0, i) + letter + cut(i));
    if (i < word.length) {
      variants.push(cut(0, i) + cut(i + 1));
      if (i + 1 < word.length) variants.push(cut(0, i) + word[i + 1] + word[i] + cut(i + 2));
    }
  }
  return variants;
}

// [the word of the first family one of whose forms of FAMILY_TYPO_MIN_LENGTH letters or more
// is one typo from a word, that form] ("alcolisme": query.py family_one_typo_away), or null.
export function familyOneTypoAway(folded, families) {
  if (Array.from(folded).length < FAMILY_TYPO_MIN_LENGTH) return null;
  const variants = oneTypoVariants(folded).filter((v) => Array.from(v).length >= FAMILY_TYPO_MIN_LENGTH);
  for (const [pattern, word] of families) {
    const form = variants.find((v) => pattern.test(v));
    if (form !== undefined) return [word, form];
  }
  return null;
}

// A word of the directory that a typed word may stand for: one typo away, or one typo away
// from the typed word's singular (query.py near_in_spelling).
export function nearInSpelling(typed, word) {
  if (oneTypoApart(typed, word)) return true;
  const singular = pluralOf(typed);
  return singular !== null && typed.length > PLURAL_TYPO_MIN_LENGTH && oneTypoApart(singular, word);
}

// Whether a word (or a term) starts with letters one typo from a stem (query.py starts_near).
export function startsNear(stem, word) {
  return [-1, 0, 1].some((more) => oneTypoApart(stem, word.slice(0, stem.length + more)));
}

// Python's round(x, 3) (postings.py rounds weights as lunr.py does): toFixed reads x's exact
// value too, but breaks an exact tie upwards, where Python goes to the even digit. Exact ties
// at three decimals are the odd sixteenths (0.0625, 0.1875...).
function round3(x) {
  const rounded = Number(x.toFixed(3));
  if (!Number.isInteger(x * 16) || Number.isInteger(x * 8)) return rounded;
  const thousandths = Math.round(rounded * 1000);
  return thousandths % 2 ? (thousandths - 1) / 1000 : rounded;
}

// Python's round(x): to the nearest integer, a half to the even one.
function roundHalfEven(x) {
  const floor = Math.floor(x);
  const rest = x - floor;
  if (rest !== 0.5) return rest < 0.5 ? floor : floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

// lunr's weight of a term in a field of a document: postings.py weight(), the same float
// operations in the same order, so that both give the same weights.
export function weight(idf, tf, length, average, boost, { k1, b, scale }) {
  let score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (length / average)) + tf);
  score *= boost;
  return roundHalfEven(round3(score) * scale) / scale;
}

// Whether a query's words (folded, without stop words) name an organization by one of its
// names' words: each one of them, the last one perhaps cut short, and the whole name or a word
// no active organization has (`missing`, a Set).
export function namesIt(typed, name, missing) {
  if (!typed.length || (new Set(typed).size < name.length && !typed.some((w) => missing.has(w)))) return false;
  const last = typed[typed.length - 1];
  return typed.slice(0, -1).every((word) => name.includes(word))
    && (name.includes(last) || ((typed.length > 1 || missing.has(last)) && last.length >= PREFIX_MIN && name.some((word) => word.startsWith(last))));
}

// A phone number typed in groups, perhaps with an extension: one word of its digits
// (query.py joined_numbers, same expressions).
const NUMBER = /\+?\(?[0-9]+(?:[ \u00a0\t().\u2010-\u2014-]+[0-9]+)+(?:[ \u00a0\t]*[,;]?[ \u00a0\t]*(?:poste|post|ext|extension|x|p|#)\.?[ \u00a0\t]*[0-9]{1,6}(?![0-9]))?/gi;
const EXTENSION = /[,; \u00a0\t]*(?:poste|post|ext|extension|x|p|#)\.?[ \u00a0\t]*[0-9]{1,6}$/i;
const NUMBER_DIGITS = 10;

// Whether a word is a number or code the directory has or has not (query.py is_code): three
// digits or more, or a digit after a letter ("h2x") in a word without four letters in a row
// ("LGBTQ2S+" is a word); "16" in "enceinte à 16 ans" and "3e" in "3e âge" are words like others.
export function isCode(word) {
  return (word.match(/[0-9]/g) || []).length >= 3 || (/\p{L}[0-9]/u.test(word) && !/\p{L}{4}/u.test(word));
}

// Whether words of a query (units) are a number beside a need's words ("loyer 1200 $"): it
// ranks first those that have it, and is not a word they must have (query.py is_amount).
function isAmount(unit) {
  return Boolean(unit[0].place) && !unit.some((p) => /\p{L}/u.test(p.word)) && isCode(unit[0].word);
}

// The words of a query as candidates() counts them: each word alone, the words of a place's name
// together ("logement Trois-Rivières" is two): query.py units.
function units(planned) {
  const found = [];
  const places = new Map();
  for (const p of planned) {
    if (!p.place) found.push([p]);
    else if (places.has(p.place)) places.get(p.place).push(p);
    else {
      places.set(p.place, [p]);
      found.push(places.get(p.place));
    }
  }
  return found;
}

// The place a name said with a title is ("ville de laval": "laval"), or null: query.py untitled.
function untitled(key, titles, places) {
  for (const title of titles) {
    if (key.startsWith(`${title} `) && places.has(key.slice(title.length + 1))) return key.slice(title.length + 1);
  }
  return null;
}

// How many of a run's pieces hold only words of its title (`title` words): query.py pieces_of_title.
function piecesOfTitle(pieces, title) {
  let seen = 0;
  for (let number = 0; number < pieces.length; number += 1) {
    seen += placeKey(pieces[number]).split(" ").filter(Boolean).length;
    if (seen > title) return number;
  }
  return pieces.length;
}

// Text after its first `count` words (runs of letters and digits), trimmed: query.py after_words.
function afterWords(text, count) {
  const letter = /[\p{L}\p{N}]/u;
  const characters = Array.from(text); // by code point, as Python counts
  let at = 0;
  for (let n = 0; n < count; n += 1) {
    while (at < characters.length && !letter.test(characters[at])) at += 1;
    while (at < characters.length && letter.test(characters[at])) at += 1;
  }
  return trimmed(characters.slice(at).join(""));
}

// Text without what is not a letter or digit at either end: query.py trimmed.
function trimmed(text) {
  return text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

// [start, size] of the runs of a query's `count` pieces that name a place, left to right, the
// longest first from each piece: `isPlace(start, size)` says whether that run does (query.py place_runs).
function placeRuns(count, isPlace) {
  const runs = [];
  let at = 0;
  while (at < count) {
    let size = Math.min(PLACE_PIECES, count - at);
    while (size > 0 && !isPlace(at, size)) size -= 1;
    if (size) runs.push([at, size]);
    at += size || 1;
  }
  return runs;
}

export function joinedNumbers(query) {
  return query.replace(NUMBER, (match) => {
    const digits = match.replace(EXTENSION, "").replace(/[^0-9]/g, "");
    return digits.length >= NUMBER_DIGITS ? digits : match;
  }).replace(CODE, "$1$2$3");
}

// A postal code typed in its two halves ("H2X 1Y4", "SW1A 1AA"): one word, as the index has
// it whole (query.py _CODE); its first half says the area, a word of the index too (documents.py area_of).
// What comes before is matched, not looked behind at: Safari reads a lookbehind from 16.4 on,
// and before, this module did not load (no search at all on an iPhone left on iOS 15).
const CODE = /(^|[^A-Za-z0-9])([A-Za-z0-9]*[A-Za-z][0-9][A-Za-z0-9]*)[ \u00a0\t-]+([0-9][A-Za-z][A-Za-z0-9])(?![A-Za-z0-9])/g;
const AREA_CUT = 3;
// Letters each followed by a period, two or more, and perhaps a last one without ("C.L.S.C."):
// one word (query.py _INITIALS). What comes before is matched, not looked behind at (see CODE).
// A typed word between others, after what is not a letter, digit or "_" of words_apart (query.py).
const BEFORE_WORD = "(^|[^0-9A-Za-z\\u00c0-\\u024f_])";
const AFTER_WORD = "(?![0-9A-Za-z\\u00c0-\\u024f_])";
const INITIALS = /(^|[^\p{L}\p{N}])((?:\p{L}\.){2,}\p{L}?)(?![\p{L}\p{N}])/gu;
// A key's value in an object read from JSON, never its prototype's ("constructor" typed).
const ownValue = (object, key) => (object && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined);
const POSTAL_START = 2; // documents.py POSTAL_START: an area's first characters ("H2": Montréal's centre)

export function areaOf(word) {
  const area = word.slice(0, -AREA_CUT);
  return word.length > AREA_CUT + 1 && /[a-z][0-9]/.test(area) ? area : null;
}

export function roundScore(score) {
  return Math.round(score * 1e6) / 1e6;
}

// The values of a column of `count` rows (plugins/search_index/columns.py): a plain list, an
// object column split by key ({fields}), or a list column as lengths and items ({counts, items}).
function columnValues(column, count) {
  if (Array.isArray(column)) return column;
  if (column.fields) {
    const split = Object.entries(column.fields).map(([key, sub]) => [key, columnValues(sub, count)]);
    const out = [];
    for (let i = 0; i < count; i++) {
      const value = {};
      let any = false;
      for (const [key, values] of split) if (values[i] !== null) { value[key] = values[i]; any = true; }
      out.push(any ? value : null);
    }
    return out;
  }
  const items = columnValues(column.items, column.counts.reduce((sum, n) => sum + (n || 0), 0));
  let start = 0;
  return column.counts.map((n) => (n === null ? null : items.slice(start, (start += n))));
}

// The rows of a table stored by column (columns.py's table()).
export function fromColumns(table) {
  return columnValues(table, table.count).map((row) => row || {});
}

// A whole record of the offline copy, which leaves out the card's number to call.
function withCall(record) {
  const call = firstCall(record);
  return call ? { ...record, call: { number: call.number, tel: call.tel } } : record;
}

// What a closed organization's page shows of another to turn to: its name and number.
function alternative(card) {
  return { id: card.id, name: card.name, ...(card.call ? { number: card.call.number, tel: card.call.tel } : {}) };
}

// Let the page answer (a tap, a paint) between two pieces of work: on a cheap phone, one
// long task from the query to the last card keeps a finger waiting.
export function breath() {
  return globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

export class SearchIndex {
  // `manifest`: the page's own copy (the search page carries it), else fetched when needed.
  constructor(base, siteRoot, manifest = null) {
    this.base = base; // URL of search/<lang>/
    this.siteRoot = siteRoot;
    this.manifest = manifest;
    this.cache = new Map();
    this.shards = new Map(); // shard number -> its loading
    this.termIds = new Map(); // what the loaded shards hold: term -> id, id -> term...
    this.terms = new Map();
    this.wordTerms = new Map(); // folded word -> term id
    this.shardWords = new Map(); // shard number -> its words, in order
    this.places = new Map(); // place names of the shards loaded (shards.py add_places) -> what each is searched as
    this.wider = new Map(); // a municipality no record is in -> its region's name (documents.py wider_places)
    // A place's name -> what is searched instead, whatever its words find (documents.py
    // run_together_places, named_instead): "val dor" -> "Val-d'Or", "Saint-Laurent" -> "Montréal".
    this.instead = new Map();
    this.regions = new Map(); // a municipality's or MRC's name -> its region's (documents.py regions_of_places)
    this.termPostings = new Map(); // term id -> flat postings
    this.savedRecords = new Map(); // records chunk number -> its rows, read from the offline copy
  }

  fetchJson(name) {
    if (!this.cache.has(name)) {
      const promise = fetch(new URL(name, this.base)).then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.url}`);
        return response.json();
      });
      promise.catch(() => this.cache.delete(name)); // a failed fetch may be retried
      this.cache.set(name, promise);
    }
    return this.cache.get(name);
  }

  async open() {
    if (!this.ready) {
      this.ready = (async () => {
        const manifest = await this.described();
        await loadLunr(this.siteRoot);
        this.stopWords = new Set(manifest.stop_words);
        this.wholeWords = new Set(manifest.whole_words);
        this.placeTitles = manifest.place_titles || [];
        this.spellings = manifest.spellings || {};
        this.families = (manifest.word_families || []).map(([pattern, word]) => [new RegExp(pattern, "u"), word]);
      })();
      this.ready.catch(() => { this.ready = null; });
    }
    return this.ready;
  }

  // The word shard that holds `key` (a folded word or a term), by the manifest's first keys.
  shardOf(key) {
    if (!this.firstKeys) this.firstKeys = this.manifest.words.map(([first]) => first);
    return lastAtMost(this.firstKeys, key);
  }

  // The shards of a typed word (folded): its own and those of the words it starts.
  shardsFor(folded) {
    const first = this.shardOf(folded);
    const found = [first];
    while (first + found.length < this.firstKeys.length && this.firstKeys[first + found.length].startsWith(folded)) {
      found.push(first + found.length);
    }
    return found;
  }

  load(numbers) {
    return Promise.all([...new Set(numbers)].map((number) => {
      if (!this.shards.has(number)) {
        const loading = this.fetchJson(this.manifest.words[number][1]).then((shard) => {
          shard.words.forEach((word, k) => this.wordTerms.set(word, shard.word_terms[k]));
          this.shardWords.set(number, shard.words);
          for (const [name, searchedAs] of Object.entries(shard.places || {})) this.places.set(name, searchedAs);
          for (const [name, region] of Object.entries(shard.wider || {})) this.wider.set(name, region);
          for (const [name, instead] of Object.entries(shard.instead || {})) this.instead.set(name, instead);
          for (const [name, region] of Object.entries(shard.regions || {})) this.regions.set(name, region);
          for (const [id, text, postings] of shard.terms) {
            this.termIds.set(text, id);
            this.terms.set(id, text);
            this.termPostings.set(id, postings);
          }
        });
        loading.catch(() => this.shards.delete(number));
        this.shards.set(number, loading);
      }
      return this.shards.get(number);
    }));
  }

  // What weighs the postings (postings.py): the documents sharing their category text (doc
  // lists from gaps) and the fields' lengths, fetched once, together.
  loadWeighing() {
    if (!this.weighingReady) {
      this.weighingReady = Promise.all([this.fetchJson(this.manifest.groups), this.fetchJson(this.manifest.lengths)])
        .then(([lists, lengths]) => {
          this.groups = lists.map((gaps) => { let n = 0; return gaps.map((g) => (n += g)); });
          this.lengths = lengths;
        });
      this.weighingReady.catch(() => { this.weighingReady = null; });
    }
    return this.weighingReady;
  }

  // The query with each expression of its language written as what it asks for ("médecin de
  // famille" as "médecin"): query.py expressed, from the manifest (analysis.py EXPRESSIONS).
  expressed(query) {
    // [inner, said, 1]: an expression between words apart, inside the manifest's "words_apart".
    // A space in a pattern is a space between words, \s+ (analysis.py shipped_expressions); a
    // typographic apostrophe is read as "'", the only one they write.
    const apart = this.manifest.words_apart || "{}";
    return (this.manifest.expressions || []).reduce(
      (text, [shipped, said, between]) => {
        const pattern = shipped.split(" ").join("\\s+");
        return text.replace(new RegExp(between ? apart.replace("{}", () => pattern) : pattern, "giu"), said);
      }, query.replace(/\u2019/g, "'"))
      .replace(INITIALS, (match, before, letters) => before + letters.replace(/\./g, ""));
  }

  // The expressions (by number) the query as typed says (query.py expressions_in).
  expressionsIn(query) {
    const apart = this.manifest.words_apart || "{}";
    const text = query.replace(/\u2019/g, "'");
    return new Set((this.manifest.expressions || []).flatMap(([shipped, , between], number) => {
      const pattern = shipped.split(" ").join("\\s+");
      return new RegExp(between ? apart.replace("{}", () => pattern) : pattern, "iu").test(text) ? [number] : [];
    }));
  }

  // The query with a word found only by spelling guesses written as one of its first letter,
  // when that makes it say an expression it did not ("depresion" as "dépression"); else null
  // (query.py as_guessed).
  asGuessed(query, planned) {
    let said = query;
    let read = this.expressionsIn(query);
    for (const p of planned) {
      if (!p.near.length || ![...p.alternatives.values()].every(isGuess)) continue;
      const typed = new RegExp(BEFORE_WORD + p.word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + AFTER_WORD, "giu");
      for (const word of p.near.filter((w) => w.codePointAt(0) === fold(p.word).codePointAt(0))) {
        const other = said.replace(typed, (_, before) => before + word);
        const more = this.expressionsIn(other);
        if ([...more].some((number) => !read.has(number))) {
          said = other;
          read = more;
          break;
        }
      }
    }
    return said !== query ? said : null;
  }

  // What a query needs that lunr.js is not needed to name: its words' shards, the groups, the lengths and
  // lunr itself, asked for at once (one round trip on a slow connection). Needs the manifest.
  prefetch(query) {
    if (!this.manifest) return;
    const stopWords = new Set(this.manifest.stop_words);
    const all = words(joinedNumbers(this.expressed(query))).map(fold);
    const kept = all.filter((w) => !stopWords.has(w));
    const folded = kept.length || all.length !== 1 ? kept : all; // plan(): a stop word being typed
    if (!folded.length) return;
    const loading = [this.load(folded.flatMap((w) => this.shardsFor(w))), this.loadWeighing(),
      loadLunr(this.siteRoot), this.closedNames()];
    Promise.all(loading).catch(() => {}); // the search itself asks again and reports
  }

  // The names of the organizations no longer active (plugins/search_index/closed.py).
  closedNames() {
    return this.manifest.closed ? this.fetchJson(this.manifest.closed) : Promise.resolve([]);
  }

  // The organizations no longer active that a query names: [{id, name}]; `missing`: its words
  // no active organization has (search's). Search never ranks them; the page says they closed.
  async closedNamed(query, missing = []) {
    const manifest = await this.described();
    const stopWords = new Set(manifest.stop_words);
    const typed = words(query).map(fold).filter((w) => !stopWords.has(w));
    if (!typed.length) return [];
    const absent = new Set(missing.map(fold));
    return (await this.closedNames()).filter(([, , names]) => names.some((name) => namesIt(typed, name, absent)))
      .map(([id, name]) => ({ id, name }));
  }

  // A stop word, or one with "j'" stuck before it as spoken ("jveux", "jsuis"): query.py is_stop.
  isStop(folded) {
    return this.stopWords.has(folded) || (/^j[bcdfghjklmnpqrstvwxz]/.test(folded) && this.stopWords.has(folded.slice(1)));
  }

  // What each typed word stands for: [{word, alternatives: Map(term id -> boost)}]; `guessable`:
  // whether a typed word may be read as a word one typo from it (search.js: a crisis line's
  // word only as another of the line's), any when not given.
  async plan(query, guessable = null) {
    const lang = this.manifest.lang;
    let typed = words(query).map((word) => ({ word, folded: fold(word) })).filter(({ folded }) => !this.isStop(folded));
    // One stop word alone may be the start of a word being typed ("Mon" of "Montréal"); a
    // request of stop words ("I need") is not.
    const onlyStopWords = !typed.length && words(query).length === 1;
    if (onlyStopWords) typed = words(query).slice(-1).map((word) => ({ word, folded: fold(word) }));
    const stems = typed.map(({ word }) => term(word, lang, this.stopWords, this.wholeWords, this.spellings, this.families));
    await this.load([...typed.flatMap(({ folded }) => this.shardsFor(folded)),
      ...stems.filter((stem) => stem !== null).map((stem) => this.shardOf(stem)),
      ...typed.map(({ folded }) => areaOf(folded)).filter(Boolean).map((area) => this.shardOf(area))]);
    const planned = [];
    for (const [k, { word, folded }] of typed.entries()) {
      const alternatives = new Map();
      const add = (id, boost) => {
        if (id !== undefined && !(alternatives.get(id) >= boost)) alternatives.set(id, boost);
      };
      // A French word the directory writes with accents, typed without them, is that word alone (query.py plan).
      const written = this.wordTerms.get(folded);
      if (written === undefined || word !== folded || lang !== "fr") add(this.termIds.get(stems[k]), EXACT);
      add(written, EXACT);
      const last = k === typed.length - 1;
      let start = folded;
      const singular = ![...alternatives.values()].includes(EXACT) && !onlyStopWords ? pluralOf(folded) : null;
      if (singular) { // a plural the directory has only in the singular, or its start (query.py)
        await this.load([this.shardOf(singular), ...this.shardsFor(singular)]);
        add(this.termIds.get(term(singular, lang, this.stopWords, this.wholeWords, this.spellings, this.families)), EXACT);
        add(this.wordTerms.get(singular), EXACT);
        start = singular;
      }
      // The last word may be the start of one still being typed, unless it is a word of four
      // letters or more that the directory has, after others ("auto" is not "autochtone"; one
      // word alone is being typed: "franc" of "francisation"); a word before it,
      // only when the directory does not have it ("ado suicide"; not "jeu" for "jeunesse").
      const whole = [...alternatives.values()].includes(EXACT);
      if (start.length >= 2 && (!whole || (last && (k === 0 || start.length < WHOLE_LAST_WORD)))) {
        const started = this.shardsFor(start).flatMap((n) => this.shardWords.get(n).filter((w) => w.startsWith(start)));
        const prefixTerms = [];
        for (const w of started.sort(byLengthThenText)) {
          if (!this.mayStartPlace(start, w, last, start !== folded ? folded : null)) continue;
          const id = this.wordTerms.get(w);
          if (!prefixTerms.includes(id)) prefixTerms.push(id);
          if (prefixTerms.length === PREFIX_TERMS) break;
        }
        prefixTerms.forEach((id) => add(id, PREFIX));
      }
      const unknown = ![...alternatives.values()].includes(EXACT) && !onlyStopWords;
      const bare = lang === "fr" && unknown ? elided(word) : null;
      if (bare) { // "dimpot": the word "impôt" after d' typed without its apostrophe (query.py)
        const bareStem = term(bare, lang, this.stopWords, this.wholeWords, this.spellings, this.families);
        if (bareStem !== null) {
          await this.load([this.shardOf(bareStem), this.shardOf(fold(bare))]);
          add(this.termIds.get(bareStem), EXACT);
          add(this.wordTerms.get(fold(bare)), EXACT);
        }
      }
      // Never for a number, nor for a word without a vowel: an acronym ("CHSLD" is not "child").
      const typo = folded.length >= TYPO_MIN_LENGTH && !onlyStopWords && !/[0-9]/.test(folded) && /[aeiouy]/.test(folded);
      let near = [];
      if (![...alternatives.values()].includes(EXACT) && typo) {
        // Only for words the directory does not have: "aines" must not also find "aides";
        // never for a number: one digit off is another number.
        const spelling = await this.fetchJson(this.manifest.spelling);
        // The guesses as query.py makes them, each step when the ones before found nothing;
        // then only those `guessable` takes (a crisis line's word is not read as another word).
        const mayGuess = (w) => !guessable || guessable(word, w);
        let found = spelling.filter((w) => nearInSpelling(folded, w));
        if (!found.length && stems[k] !== null && stems[k].length >= STEM_TYPO_MIN_LENGTH) {
          found = await this.nearInStem(stems[k], spelling);
        }
        const family = found.length ? null : familyOneTypoAway(folded, this.families);
        if (family === null && !found.length) found = spelling.filter((w) => twoTyposApart(folded, w)); // two typos, long words
        near = found.filter(mayGuess);
        await this.load(near.map((w) => this.shardOf(w)));
        for (const w of near) add(this.wordTerms.get(w), w.codePointAt(0) === folded.codePointAt(0) ? TYPO : FAR_TYPO);
        if (family !== null && mayGuess(family[0])) {
          const familyTerm = term(family[0], lang, this.stopWords, this.wholeWords, this.spellings, this.families);
          await this.load([this.shardOf(familyTerm)]);
          add(this.termIds.get(familyTerm), TYPO);
          near = [family[1]]; // the form guessed: its first letter, and what it reads as (query.py)
        }
      }
      // The start of a word still being typed is never "missing" (query.py Planned.being_typed).
      const beingTyped = onlyStopWords || (last && folded.length === 1);
      // Found only by words one typo away ("dental" by "mental"): the page says so.
      const guessed = alternatives.size > 0 && [...alternatives.values()].every(isGuess);
      planned.push({ word, alternatives, beingTyped, guessed, place: 0, near });
    }
    return planned;
  }

  // The words of the directory whose stem is one typo from a typed word's stem, for a word no
  // word of the directory is one typo from ("psycologique": query.py near_in_stem).
  async nearInStem(stem, spelling) {
    const started = spelling.filter((w) => startsNear(stem, w));
    await this.load(started.map((w) => this.shardOf(w)));
    // A word of a family is searched as the family's word, not its stem (query.py near_in_stem).
    const families = new Set(this.families.map(([, word]) => term(word, this.manifest.lang, this.stopWords, this.wholeWords, this.spellings, this.families)));
    return started.filter((w) => {
      const its = this.terms.get(this.wordTerms.get(w));
      return oneTypoApart(stem, its) || families.has(its);
    });
  }

  // term id -> flat postings (plan() loaded their shards), once the groups and lengths are there.
  async postings(ids) {
    await this.loadWeighing();
    return new Map([...ids].map((id) => [id, this.termPostings.get(id)]));
  }

  // A term's postings, decoded once: [[field, docs, weights]] (groups expanded: index.py),
  // the weights worked out from the counts as postings.py weights_of() does.
  decoded(id, flat) {
    if (!this.decodedTerms) this.decodedTerms = new Map();
    if (!this.decodedTerms.has(id)) {
      const weighing = this.manifest.weights;
      let pairs = 0; // the (field, document) pairs that have the term, a group counting its documents
      for (let i = 0; i < flat.length; i += 2 + 2 * flat[i + 1]) {
        if (flat[i] >= 0) { pairs += flat[i + 1]; continue; }
        let group = 0;
        for (let k = 0; k < flat[i + 1]; k++) pairs += this.groups[group += flat[i + 2 + k]].length;
      }
      const documents = this.manifest.documents;
      const idf = Math.log(1 + Math.abs((documents - pairs + 0.5) / (pairs + 0.5)));
      const out = [];
      for (let i = 0; i < flat.length;) {
        const field = flat[i] >= 0 ? flat[i] : -1 - flat[i];
        const count = flat[i + 1];
        const numbers = new Array(count);
        let n = 0;
        for (let k = 0; k < count; k++) numbers[k] = n += flat[i + 2 + k];
        const lengths = this.lengths[field];
        const average = weighing.averages[field];
        const boost = weighing.boosts[field];
        const weights = numbers.map((number, k) => weight(idf, flat[i + 2 + count + k], lengths[number], average, boost, weighing));
        if (flat[i] >= 0) {
          out.push([this.manifest.fields[field], numbers, weights]);
        } else {
          const docs = [];
          const docWeights = [];
          numbers.forEach((group, k) => this.groups[group].forEach((doc) => { docs.push(doc); docWeights.push(weights[k]); }));
          const order = docs.map((_, k) => k).sort((a, b) => docs[a] - docs[b]);
          out.push([this.manifest.fields[field], order.map((k) => docs[k]), order.map((k) => docWeights[k])]);
        }
        i += 2 + 2 * count;
      }
      this.decodedTerms.set(id, out);
    }
    return this.decodedTerms.get(id);
  }

  // A term's decoded postings as a search reads them: the initials made from names count when
  // one word says what is searched (`postings.initials`, set by search: query.py fields_of).
  fieldsOf(id, postings) {
    const decoded = this.decoded(id, postings.get(id));
    return postings.initials === false ? decoded.filter(([field]) => field !== "initials") : decoded;
  }

  // (doc, score) of the documents having a term of the query, scored as lunr.js's
  // Index.query scores them, without building its index: at 10,000 records that was most of
  // a search on a phone. The same steps as query.py rank(), whose comment says why they are lunr's.
  async rank(planned, postings, candidates) {
    const fieldNumber = new Map(this.manifest.fields.map((field, f) => [field, f]));
    const count = fieldNumber.size;
    const boosts = new Map();
    for (const { alternatives, place } of planned) {
      for (const [id, boost] of alternatives) boosts.set(id, (boosts.get(id) ?? 0) + (place ? boost * PLACE_WEIGHT : boost));
    }
    const ids = [...boosts.keys()].sort((a, b) => a - b);
    const length = Math.sqrt(ids.reduce((sum, id) => sum + boosts.get(id) * boosts.get(id), 0));
    const docsOf = new Map(); // term * fields + field -> its documents
    const dots = new Map(); // doc * fields + field -> dot product
    for (const id of ids) { // a field vector's terms are in id order
      const boost = boosts.get(id);
      for (const [field, docs, weights] of this.fieldsOf(id, postings)) {
        const f = fieldNumber.get(field);
        const kept = [];
        docs.forEach((doc, k) => {
          if (candidates && !candidates.has(doc)) return;
          kept.push(doc);
          const key = doc * count + f;
          dots.set(key, (dots.get(key) ?? 0) + boost * weights[k]);
        });
        docsOf.set(id * count + f, kept);
      }
    }
    await breath();
    // lunr meets (field, document) pairs clause by clause, field by field, documents in order.
    const met = new Set();
    for (const { alternatives } of planned) {
      for (const id of alternatives.keys()) {
        for (let f = 0; f < count; f++) (docsOf.get(id * count + f) ?? []).forEach((doc) => met.add(doc * count + f));
      }
    }
    const scores = new Map();
    for (const key of met) {
      const doc = Math.floor(key / count);
      const score = dots.get(key) / length || 0;
      scores.set(doc, scores.has(doc) ? scores.get(doc) + score : score);
    }
    return scores;
  }

  // The documents whose name (or another name) has every word searched (query.py's named):
  // the word itself, not the words it starts or is one typo from; the last word of a name
  // typed whole also by the words it starts; beside other words, a word the directory does
  // not have by its guesses (query.py name_boosts).
  named(planned, postings, fields = ["name"]) {
    const counted = planned.map((p, number) => {
      const kinds = number === planned.length - 1 && number > 0 ? [EXACT, PREFIX] : [EXACT];
      const guessed = planned.length > 1 && p.alternatives.size > 0 && ![...p.alternatives.values()].includes(EXACT);
      return guessed ? [...kinds, TYPO] : kinds;
    });
    return this.havingEveryWord(planned, postings, counted, fields);
  }

  // Whether a record has one word searched as the initials made from its names and every other
  // in its names: "cje emploi", not "mon père me bat" (query.py initials_named).
  initialsNamed(planned, postings) {
    const need = planned.filter((p) => !p.place);
    return need.some((p) => {
      const others = need.filter((q) => q !== p);
      if (!others.length) return false;
      const named = this.named(others, postings, ["name", "other_names"]);
      for (const id of p.alternatives.keys()) {
        for (const [field, docs] of this.decoded(id, postings.get(id))) if (field === "initials" && docs.some((d) => named.has(d))) return true;
      }
      return false;
    });
  }

  // The active organizations of the place typed named by the need's words: a need and a
  // place were typed, not a name (query.py named_there).
  namedThere(planned, postings, open) {
    const need = planned.filter((p) => !p.place);
    const places = planned.filter((p) => p.place);
    if (!need.length || !places.length) return new Set();
    const named = this.named(need, postings, ["name", "other_names", "initials"]);
    // Each word of its categories too: a name says more than its kind ("centre").
    const kind = this.havingEveryWord(need, postings, need.map(() => [EXACT]), ["category"]);
    const there = this.placed(places, postings);
    return new Set([...named].filter((doc) => doc < open && kind.has(doc) && there.has(doc)));
  }

  // The documents of the place typed whose name has every word of the need: after those named
  // by every word, before the rest (query.py need_named_there).
  needNamedThere(planned, postings) {
    const need = planned.filter((p) => !p.place);
    const places = planned.filter((p) => p.place);
    if (!need.length || !places.length) return new Set();
    const there = this.placed(places, postings);
    return new Set([...this.named(need, postings, ["name", "other_names", "initials"])].filter((doc) => there.has(doc)));
  }

  // The documents in each of the places typed (query.py placed).
  placed(places, postings) {
    return places.map((p) => this.having(p, postings)).reduce((kept, docs) => new Set([...kept].filter((d) => docs.has(d))));
  }

  // The documents that have each word by a term of the kinds `counted` for it, in one of
  // `fields` or in any (query.py having_every_word).
  havingEveryWord(planned, postings, counted, fields = null) {
    let found = null;
    for (const [number, { alternatives }] of planned.entries()) {
      const having = new Set();
      for (const [id, boost] of alternatives) {
        if (!counted[number].includes(boost)) continue;
        for (const [name, docs] of this.fieldsOf(id, postings)) if (fields === null || fields.includes(name)) docs.forEach((d) => having.add(d));
      }
      found = found === null ? having : new Set([...found].filter((d) => having.has(d)));
    }
    return found ?? new Set();
  }

  // With several words, the documents having the most of them (query.py's candidates):
  // { docs, partial, widened } where partial says they do not have every word, widened that
  // few had every word of a need and those with all but one are there too; null with one word.
  candidates(planned, postings) {
    const counted = units(planned).filter((unit) => !isAmount(unit));
    if (counted.length < 2 && counted.length === units(planned).length) return null;
    const having = new Map();
    const needed = new Map(); // document -> how many of the words that are no place's it has
    let total = 0; // how many a document has when it has every word
    let needs = 0; // of them, no place's
    const needDocs = []; // the documents of each of the need's words
    for (const unit of counted) {
      const each = unit.map((p) => this.having(p, postings));
      const together = each.reduce((kept, docs) => new Set([...kept].filter((d) => docs.has(d))));
      // A place's name that no document has whole ("Montréal-Nord"): its words count alone.
      const parts = together.size || unit.length === 1 ? [together] : each;
      total += parts.length;
      if (!unit[0].place) needs += parts.length;
      if (!unit[0].place) needDocs.push(...parts);
      for (const docs of parts) {
        for (const d of docs) {
          having.set(d, (having.get(d) ?? 0) + 1);
          if (!unit[0].place) needed.set(d, (needed.get(d) ?? 0) + 1);
        }
      }
    }
    // Of a need and where ("loyer Laval"), a document with none of the need's words is no answer.
    const answers = (d) => needed.has(d) || !needs;
    let most = 0;
    for (const [d, count] of having) if (answers(d)) most = Math.max(most, count);
    // A phone number or a postal code typed alone is in the directory, or it is not.
    const coded = planned.some((p) => isCode(p.word) && !p.place);
    if (most < total && coded) return { docs: new Set(), partial: false, widened: false };
    const docs = new Set();
    for (const [d, count] of having) if (count === most && answers(d)) docs.add(d);
    const places = total - needs;
    if (most === total && docs.size < WIDEN_BELOW && needs >= WIDEN_FROM && !coded) {
      const widened = new Set();
      for (const [d, count] of having) if (count >= total - 1 && count - (needed.get(d) ?? 0) === places) widened.add(d);
      return { docs: widened, partial: false, widened: true };
    }
    if (most === total && docs.size < FEW_TOGETHER && needDocs.length === 2 && !coded) {
      // Two words that one or two documents have together: those with the rarer word too, where
      // the place is if one is named (query.py: "je suis gai et j'ai besoin de parler").
      const rarer = needDocs[1].size < needDocs[0].size ? needDocs[1] : needDocs[0];
      const widened = new Set(docs);
      for (const d of rarer) if (having.get(d) - (needed.get(d) ?? 0) === places) widened.add(d);
      return { docs: widened, partial: false, widened: true };
    }
    if (most < total && places) {
      // No document has every word: those of the place named first, with the most of the need's
      // words found there, or one less (query.py: a place counted as one word).
      let there = new Map();
      let mostThere = 0;
      for (const [d, count] of having) {
        if (needed.has(d) && count - needed.get(d) === places) {
          there.set(d, needed.get(d));
          mostThere = Math.max(mostThere, needed.get(d));
        }
      }
      // Of a need of two words, the one that says what kind is an answer alone, the other not:
      // English says it first ("food bank"), French second ("banque alimentaire"): query.py.
      if (needDocs.length === 2) {
        const kind = needDocs[this.manifest.kind_first ? 0 : 1];
        const ofKind = new Map([...there].filter(([d, count]) => count === 2 || kind.has(d)));
        // Elsewhere with the most words; the kind's word nearly nowhere and never with the
        // other, the place's with the other (query.py).
        // Loops, not Math.max(...values): a spread of 50,000 arguments passes Safari's limit.
        let fullest = 0;
        for (const count of needed.values()) fullest = Math.max(fullest, count);
        if (!ofKind.size && (kind.size >= FEW_TOGETHER || fullest === 2 || !there.size)) {
          return { docs: new Set([...needed].filter(([, count]) => count === fullest).map(([d]) => d)), partial: true, widened: false };
        }
        if (ofKind.size) there = ofKind;
        mostThere = 0;
        for (const count of there.values()) mostThere = Math.max(mostThere, count);
      }
      if (there.size) {
        const fewest = Math.max(1, mostThere - 1);
        return { docs: new Set([...there].filter(([, count]) => count >= fewest).map(([d]) => d)), partial: true, widened: false };
      }
    }
    return { docs, partial: most < total, widened: false };
  }

  // The documents that have one of a word's terms; a place's word, where they are or in their
  // name: query.py having.
  having(p, postings, fields = null) {
    const within = fields ?? (p.place && !isCode(p.word) ? PLACE_FIELDS : null);
    const docs = new Set();
    for (const id of p.alternatives.keys()) {
      for (const [field, termDocs] of this.fieldsOf(id, postings)) {
        if (!within || within.includes(field)) termDocs.forEach((d) => docs.add(d));
      }
    }
    return docs;
  }

  // The words searched and their candidates without the words found only by spelling guesses
  // of another first letter, when those leave fewer than WIDEN_BELOW documents and the other words of a need more
  // (query.py without_far_guesses: "fille" read as "ville").
  withoutFarGuesses(planned, postings, candidates) {
    // Guesses of another first letter only (query.py far_guess): "fille" as "ville", not
    // "autistes" as "autisme".
    const first = (p) => fold(p.word).slice(0, 1);
    const far = (p) => p.guessed && !p.near.some((w) => w.startsWith(first(p)))
      && [...p.alternatives.keys()].every((id) => !this.terms.get(id).startsWith(first(p)));
    const guesses = planned.filter((p) => !p.place && far(p));
    const rest = planned.filter((p) => !guesses.includes(p));
    const unchanged = { planned, candidates };
    if (!guesses.length || rest.every((p) => p.place) || this.reach(candidates, planned, postings) >= WIDEN_BELOW) return unchanged;
    const other = this.candidates(rest, postings);
    return this.reach(other, rest, postings) > this.reach(candidates, planned, postings) ? { planned: rest, candidates: other } : unchanged;
  }

  // How many documents a search's candidates are (null: all that have its words): query.py reach.
  reach(candidates, planned, postings) {
    if (candidates) return candidates.docs.size;
    const docs = new Set();
    for (const p of planned) {
      for (const id of p.alternatives.keys()) for (const [, termDocs] of this.fieldsOf(id, postings)) termDocs.forEach((d) => docs.add(d));
    }
    return docs.size;
  }

  // When organizations meet the need but none in the one town named with it, {query with the
  // town's region instead, typed, region} ("banque alimentaire Gatineau": the Outaouais's);
  // null otherwise: query.py in_region.
  inRegion(query, plan, planned, postings, candidates) {
    if (!candidates?.partial || new Set(planned.filter((p) => p.place).map((p) => p.place)).size !== 1) return null;
    const need = planned.filter((p) => !p.place);
    if (!need.length) return null;
    const having = (some) => some.map((p) => this.having(p, postings))
      .reduce((kept, docs) => new Set([...kept].filter((d) => docs.has(d))));
    const met = having(need);
    const there = having(planned.filter((p) => p.place));
    if (!met.size || [...met].some((d) => there.has(d))) return null;
    const pieces = this.pieces(query, plan);
    const at = pieces.map(([, group], n) => (group.some((p) => p.place) ? n : -1)).filter((n) => n >= 0);
    const [start, end] = this.placeSpan(pieces, at);
    const typed = pieces.slice(start, end).map(([piece]) => piece).join(" ");
    let region = this.regions.get(placeKey(typed));
    if (region === undefined && at.length === 1) {
      // A town typed one typo away ("gatneau"), or a postal code or area where none meets the
      // need: where the records' codes that start like it are.
      const group = pieces[at[0]][1];
      const town = group.length === 1 ? this.misspelledPlace(group[0]) : null;
      region = (town !== null ? this.regions.get(town) : undefined)
        ?? ownValue(this.manifest.postal_starts, placeKey(typed).slice(0, POSTAL_START));
    }
    const between = pieces.slice(start, end).some(([, group], n) => !at.includes(start + n) && group.length);
    if (region === undefined || between) return null;
    const widened = [...pieces.slice(0, start).map(([piece]) => piece), region, ...pieces.slice(end).map(([piece]) => piece)];
    return { query: widened.join(" "), typed: trimmed(typed), region };
  }

  // A whole phone number the directory has is what is searched: the words typed with it are its
  // label ("Tél. :", "call"), which only put first the documents that have them (query.py mark_labels).
  markLabels(planned, postings) {
    const wholeNumber = (p) => /^[0-9]+$/.test(p.word) && p.word.length >= NUMBER_DIGITS;
    if (!planned.some((p) => wholeNumber(p) && this.having(p, postings).size)) return;
    for (const p of planned) {
      if (wholeNumber(p)) p.place = 0; // what is searched, not where (query.py)
      else p.qualifier = true;
    }
  }

  // The pieces of the query a place's words are in (`at`), with the stop words of its name that
  // are among or before them ("La Tuque", "Saint-Jean sur Richelieu"): query.py place_span.
  placeSpan(pieces, at) {
    let start = at[0];
    const end = at[at.length - 1] + 1;
    while (start > 0 && !pieces[start - 1][1].length) {
      const before = placeKey(pieces.slice(start - 1, end).map(([piece]) => piece).join(" "));
      if (!this.places.has(before) && !this.regions.has(before)) break;
      start -= 1;
    }
    return [start, end];
  }

  // Each piece of the query (between spaces) with the words `planned` for it: query.py pieces.
  pieces(query, planned) {
    const found = [];
    let at = 0;
    for (const piece of query.split(PIECE_SPACE).filter(Boolean)) {
      const count = words(piece).filter((word) => !this.isStop(fold(word))).length;
      found.push([piece, planned.slice(at, at + count)]);
      at += count;
    }
    return found;
  }

  // Whether a typed word may stand for a town's name it starts: not its whole name that
  // records have ("laval", not Lavaltrie; "drummond", its MRC no record names, is
  // Drummondville), nor before the last word when less than half of it ("bois", not
  // Boischatel): query.py may_start_place.
  mayStartPlace(start, word, last, typed = null) {
    // Nor, for the singular of a word typed as a plural, a name it does not start ("sors" is
    // no Sorel-Tracy): query.py may_start_place.
    if (typed !== null && !word.startsWith(typed) && this.startsPlaceName(word)) return false;
    if (word === start || !this.places.has(word)) return true;
    if (this.places.has(start) && !this.wordTerms.has(start)) return true;
    return last ? !this.places.has(start) : 2 * start.length >= word.length;
  }

  // Whether a word is a place's name or the first word of one (query.py starts_place_name).
  startsPlaceName(word) {
    return this.places.has(word) || [...this.places.keys()].some((key) => key.startsWith(`${word} `));
  }

  // The query with each other name of a municipality the directory does not have written as the
  // municipality's own ("banque alimentaire Chicoutimi" searches Saguenay), a postal code it
  // does not have as its area, and a place said with a title as the place ("ville de Laval");
  // the names replaced, as typed, each with what it is searched as: query.py with_places.
  withPlaces(query, planned) {
    const pieces = this.pieces(query, planned);
    const typed = pieces.map(([piece]) => piece);
    // A word the directory does not have itself (only words it starts, or one typo away).
    const unknown = pieces.map(([, group]) => !group.every((p) => [...p.alternatives.values()].includes(EXACT)));
    // A postal code the directory does not have, searched in its area ("H2X1Y4": "H2X"), or
    // where the area's first characters are when it has not the area either ("J4W2T5":
    // Montérégie): query.py with_places.
    const area = (at) => {
      const group = pieces[at][1];
      if (group.length !== 1 || group[0].alternatives.size) return null;
      const found = areaOf(fold(group[0].word));
      if (found && this.wordTerms.has(found)) return found.toUpperCase();
      return (found && ownValue(this.manifest.postal_starts, found.slice(0, POSTAL_START))) || null;
    };
    const searchedAs = (at, size) => {
      const said = typed.slice(at, at + size).join(" ");
      const key = placeKey(said);
      if (this.instead.has(key)) return this.instead.get(key); // "val dor": Val-d'Or, whatever its pieces find
      const place = untitled(key, this.placeTitles, this.places);
      if (place !== null) { // "ville de Laval": Laval, whatever the title's words find
        const title = key.split(" ").length - place.split(" ").length;
        // Another name of a municipality, after its title: as without one (query.py).
        const other = unknown.slice(at + piecesOfTitle(typed.slice(at, at + size), title), at + size).some(Boolean);
        return this.places.get(key) || (other && this.places.get(place)) || this.instead.get(place) || this.wider.get(place) || afterWords(said, title);
      }
      const found = unknown.slice(at, at + size).some(Boolean) && ((size === 1 && area(at)) || this.places.get(key));
      return found || this.wider.get(key); // a town no record is in: its region ("Sept-Îles": Côte-Nord)
    };
    // A longer name searched as typed first: "Quebec City" is not "Quebec" and "City" (query.py).
    const isPlace = (at, size) => Boolean(searchedAs(at, size)) || this.places.has(placeKey(typed.slice(at, at + size).join(" ")));
    const runs = placeRuns(typed.length, isPlace).filter(([start, size]) => searchedAs(start, size));
    if (!runs.length) return { query, replaced: [] };
    const out = [];
    const replaced = [];
    let at = 0;
    for (const [start, size] of runs) {
      const name = searchedAs(start, size);
      out.push(...typed.slice(at, start), name);
      replaced.push([trimmed(typed.slice(start, start + size).join(" ")), name]);
      at = start + size;
    }
    return { query: [...out, ...typed.slice(at)].join(" "), replaced };
  }

  // Mark the words of the pieces of the query that together are a place's name (the word
  // shards' places: "Trois-Rivières", "quebec city") as places: query.py mark_places.
  // The one place of one word (of the shards loaded) a word the directory does not have is one
  // typo from, when it is found only by spelling guesses or by that name's own stem
  // ("sherbrook"); else null (query.py misspelled_place).
  misspelledPlace(p) {
    const folded = fold(p.word);
    if (folded.length < TYPO_MIN_LENGTH || !p.alternatives.size || this.wordTerms.has(folded)) return null;
    const near = [...this.places.keys()].filter((key) => !key.includes(" ") && oneTypoApart(folded, key));
    if (near.length !== 1) return null;
    const own = this.wordTerms.get(near[0]);
    return [...p.alternatives].every(([termId, boost]) => isGuess(boost) || termId === own) ? near[0] : null;
  }

  markPlaces(query, planned) {
    const pieces = this.pieces(query, planned);
    const typed = pieces.map(([piece]) => piece);
    const isPlace = (at, size) => this.places.has(placeKey(typed.slice(at, at + size).join(" ")));
    const numbers = new Map(); // one place typed twice is one place
    for (const [start, size] of placeRuns(typed.length, isPlace)) {
      const key = placeKey(typed.slice(start, start + size).join(" "));
      if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
      for (const [, group] of pieces.slice(start, start + size)) for (const p of group) p.place = numbers.get(key);
    }
    // A town's name of one word, one typo away and found only so ("gatinau"), is the town
    // (query.py mark_places).
    for (const [, group] of pieces) {
      const town = group.length === 1 && !group[0].place ? this.misspelledPlace(group[0]) : null;
      if (town === null) continue;
      if (!numbers.has(town)) numbers.set(town, numbers.size + 1);
      group[0].place = numbers.get(town);
    }
    // A number or code besides a need's words says where, or is an amount ("loyer 1200 $"):
    // it weighs as a place's name, and is no need (query.py mark_places).
    for (const p of planned) {
      if (p.place || !isCode(p.word)) continue;
      if (!numbers.has(fold(p.word))) numbers.set(fold(p.word), numbers.size + 1);
      p.place = numbers.get(fold(p.word));
    }
  }

  // The words a search looks for (query.py's searched): a piece of the query (between spaces)
  // with a word the directory does not have is left out whole; none when that piece has a code
  // and no other word says a need.
  searched(query, planned) {
    if (planned.length && words(query).every((word) => this.isStop(fold(word)))) {
      return planned[0].alternatives.size ? planned : []; // a word being typed (plan)
    }
    const kept = [];
    let codeMissing = false;
    for (const [piece, group] of this.pieces(query, planned)) {
      if (group.every((p) => p.alternatives.size > 0)) kept.push(...group);
      else if (words(piece).some(isCode)) codeMissing = true;
    }
    // A number among a need's words ("loyer 850 $") is left out as an unknown word; alone, it
    // is in the directory or nothing is found.
    return codeMissing && kept.every((p) => isCode(p.word)) ? [] : kept;
  }

  // Documents matching every word, best first: [{doc, score}]; else those matching some of them
  // (`partial`). `missing` lists the words the directory does not have at all, left out of the
  // search as query.py's search does.
  async search(typedQuery, widen = true, guessable = null) {
    await this.open();
    const numbers = joinedNumbers(this.expressed(typedQuery));
    const first = await this.plan(numbers, guessable);
    const asGuessed = this.asGuessed(typedQuery, first);
    if (asGuessed !== null) {
      const found = await this.search(asGuessed, widen, guessable);
      // Still said: these results are for a word close to the one typed.
      const guessed = first.filter((p) => p.guessed).map((p) => p.word);
      return { ...found, guessed: [...new Set([...guessed, ...found.guessed])] };
    }
    const { query, replaced: places } = this.withPlaces(numbers, first);
    const typed = places.length ? await this.plan(query, guessable) : first;
    const missing = typed.filter((p) => p.alternatives.size === 0 && !p.beingTyped).map((p) => p.word);
    // Words that name a place only choose where, when other words say what ("hébergement
    // Montréal": a clinic "de Montréal" came before the shelters).
    this.markPlaces(query, typed);
    markQualifiers(places, typed, numbers);
    let planned = this.searched(query, typed);
    // A place alone ("Laval") is what is searched; the documents where it is come first (query.py).
    const alone = planned.length > 0 && planned.every((p) => p.place && !isCode(p.word));
    if (planned.every((p) => p.place)) for (const p of planned) p.place = 0;
    // A first letter or two found nothing ("M"): nothing to say yet. A longer query that finds
    // nothing says so.
    const typing = query.trim().length <= 2;
    // The words a closed organization's name need not have (closedNamed): those the directory
    // does not have, and a place's other name searched as its municipality's (query.py closed_named).
    const absent = [...missing, ...places.flatMap(([typedName]) => words(typedName))];
    if (!planned.length) return { hits: [], missing, absent, guessed: [], words: typed.length, partial: false, typing, places };
    const ids = new Set(planned.flatMap((p) => [...p.alternatives.keys()]));
    const postings = await this.postings(ids);
    // Of this search alone (another may run meanwhile): counted as typed (query.py search).
    postings.initials = typed.filter((p) => !p.place).length <= 1 || this.initialsNamed(planned, postings);
    // Between reading, choosing candidates and ranking: at 10,000 records a common word is
    // one long task on a cheap phone otherwise.
    await breath();
    this.markLabels(planned, postings);
    // The words a document must have: not a town's region said after it (query.py search,
    // mark_qualifiers), which only puts the town's organizations first.
    const qualifiers = planned.filter((p) => p.qualifier);
    let required = planned.filter((p) => !p.qualifier);
    let candidates = this.candidates(required, postings);
    // A word found only by a far spelling guess is left out, and said not found (query.py).
    const kept = this.withoutFarGuesses(required, postings, candidates);
    if (kept.planned !== required) {
      missing.push(...required.filter((p) => !kept.planned.includes(p)).map((p) => p.word));
      ({ planned: required, candidates } = kept);
    }
    planned = planned.filter((p) => p.qualifier || required.includes(p));
    // A town where no organization meets the need: searched as its region (query.py in_region).
    const wider = widen ? this.inRegion(query, typed, required, postings, candidates) : null;
    if (wider) {
      const found = await this.search(wider.query, false, guessable);
      return { ...found, places: [...places, ...found.places, [wider.typed, wider.region]] };
    }
    await breath();
    const hits = [];
    // One word typed: a document has it, not only the region said for it (query.py).
    const docs = candidates?.docs ?? (qualifiers.length
      ? new Set(required.flatMap((p) => [...this.having(p, postings)])) : candidates?.docs);
    for (const [doc, score] of await this.rank(planned, postings, docs)) hits.push({ doc, score: roundScore(score) });
    // Temporarily closed organizations (numbered from manifest.open) after every active one;
    // among each, those whose name has every word first (named), then those of the place typed
    // whose name has the need's words (needNamedThere), then those of the town whose region was
    // said for it (qualified), then by score.
    const open = this.manifest.open ?? Infinity;
    // A name in the other language names it too (query.py search).
    const named = this.named(required, postings, ["name", "other_names", "initials"]);
    const unnamed = (doc) => (named.has(doc) ? 0 : 1);
    const needNamed = this.needNamedThere([...required, ...qualifiers], postings);
    const needUnnamed = (doc) => (needNamed.has(doc) ? 0 : 1);
    const qualified = qualifiers.length ? qualifiers.map((p) => this.having(p, postings))
      .reduce((kept, docs) => new Set([...kept].filter((d) => docs.has(d)))) : new Set();
    const unqualified = (doc) => (qualifiers.length && !qualified.has(doc) ? 1 : 0);
    // Then those that have every word itself, not only words it starts (query.py having_every_word).
    // Widened, the few with every word are not put first: most have them here and there.
    const exact = candidates?.widened ? new Set() : this.havingEveryWord(required, postings, required.map(() => [EXACT]));
    const inexact = (doc) => (exact.has(doc) ? 0 : 1);
    // A temporarily closed one whose whole name was typed is the one looked for, unless active ones
    // are named by every word too (query.py search, named_whole).
    // Its own name's length, after the fields' (its other names are in the name field too).
    const nameLengths = this.lengths[this.manifest.fields.length];
    const kindThere = this.namedThere(required, postings, open);
    const activeNamed = [...named].some((doc) => doc < open) || kindThere.size > 0;
    const saidOtherwise = renamed(places) || !widen;
    const whole = (doc) => !saidOtherwise && named.has(doc) && nameLengths[doc] <= required.length;
    const typedWhole = (doc) => !activeNamed && whole(doc);
    // Active ones named too: a closed one typed whole right after them, before the rest
    // (query.py search, after_named).
    const afterNamed = activeNamed && [...named].some((doc) => doc >= open && whole(doc));
    const namedFirst = (doc) => doc < open && (named.has(doc) || kindThere.has(doc));
    const closedLast = afterNamed
      ? (doc) => (namedFirst(doc) ? 0 : doc >= open && whole(doc) ? 1 : doc < open ? 2 : 3)
      : (doc) => (doc >= open && !typedWhole(doc) ? 1 : 0);
    // A place alone: the documents where it is, before those named by its words (query.py).
    const there = alone && required.length ? required.map((p) => this.having(p, postings, WHERE_FIELDS))
      .reduce((kept, docs) => new Set([...kept].filter((d) => docs.has(d)))) : new Set();
    const elsewhere = (doc) => (alone && !there.has(doc) ? 1 : 0);
    hits.sort((a, b) => closedLast(a.doc) - closedLast(b.doc) || elsewhere(a.doc) - elsewhere(b.doc) || unnamed(a.doc) - unnamed(b.doc)
      || needUnnamed(a.doc) - needUnnamed(b.doc) || unqualified(a.doc) - unqualified(b.doc) || inexact(a.doc) - inexact(b.doc)
      || b.score - a.score || a.doc - b.doc);
    // Each hit's rank before its score, for a page that orders within it (search.js filtered).
    for (const hit of hits) {
      const d = hit.doc;
      hit.tier = closedLast(d) * 32 + elsewhere(d) * 16 + unnamed(d) * 8 + needUnnamed(d) * 4 + unqualified(d) * 2 + inexact(d);
    }
    const guessed = planned.filter((p) => p.guessed).map((p) => p.word);
    // A place named with a need, where none of the results is (none there meets it): said by
    // the page, or results from across the province read as near ("cje laval").
    const where = alone ? [] : planned.filter((p) => p.place && !isCode(p.word)).map((p) => this.having(p, postings, WHERE_FIELDS));
    const away = where.length > 0 && hits.length > 0 && !hits.some((hit) => where.every((docs) => docs.has(hit.doc)));
    return { hits, missing, absent, guessed, words: typed.length, partial: Boolean(candidates?.partial), places, elsewhere: away };
  }

  // The offline copy's records by column (index.py) holding documents [n * chunk, ...], as
  // rows, when this device keeps them (never fetched: online, the small cuts cost less); or null.
  saved(n) {
    if (!this.savedRecords.has(n)) {
      const url = new URL(this.manifest.records[n], this.base);
      const reading = (typeof caches === "undefined" ? Promise.resolve(undefined) : caches.match(url))
        .then((response) => (response ? response.json() : null))
        .then(async (table) => {
          if (!table) return null;
          // The rows leave their id out: the ids file has them in document order.
          const ids = await this.ids();
          const first = n * this.manifest.records_chunk;
          return fromColumns(table).map((row, k) => withCall({ id: ids[first + k], ...row }));
        });
      reading.then((rows) => rows || this.savedRecords.delete(n), () => this.savedRecords.delete(n)); // asked again later
      this.savedRecords.set(n, reading.catch(() => null));
    }
    return this.savedRecords.get(n);
  }

  // doc -> its card or details (plugins/search_index/index.py), fetching each chunk once; a
  // whole record, from the records this device keeps offline, when it has them.
  async rows(kind, docs) {
    if (this.manifest.records) {
      const chunk = this.manifest.records_chunk;
      const numbers = [...new Set(docs.map((d) => Math.floor(d / chunk)))];
      const saved = await Promise.all(numbers.map((n) => this.saved(n)));
      if (saved.every(Boolean)) {
        const rowsOf = new Map(numbers.map((n, i) => [n, saved[i]]));
        return new Map(docs.map((d) => [d, rowsOf.get(Math.floor(d / chunk))[d % chunk]]));
      }
    }
    const size = this.manifest[`${kind}_chunk`];
    const chunks = [...new Set(docs.map((d) => Math.floor(d / size)))];
    const loaded = await Promise.all(chunks.map((c) => this.fetchJson(this.manifest[kind][c])));
    const out = new Map();
    chunks.forEach((c, i) => loaded[i].forEach((row, k) => out.set(c * size + k, row)));
    return out;
  }

  // What a result shows: name, categories, status, locations.
  cards(docs) {
    return this.rows("cards", docs);
  }

  // The manifest alone, for pages that read records without searching.
  async described() {
    this.manifest = this.manifest || await this.fetchJson("manifest.json");
    return this.manifest;
  }

  // doc -> whole record (card and details), a closed one's alternatives named and numbered
  // from their cards (the files give their document numbers: index.py). Those cards may be
  // out of reach when the record is not (offline, an install cut short kept its chunk and not
  // theirs): the record is shown without the ones it cannot name, never not at all.
  async records(docs) {
    await this.described();
    const [cards, details] = await Promise.all([this.rows("cards", docs), this.rows("details", docs)]);
    const records = new Map(docs.map((doc) => [doc, { ...cards.get(doc), ...details.get(doc) }]));
    const others = [...new Set([...records.values()].flatMap((record) => record.alternatives || []))];
    if (others.length) {
      const named = await this.cards(others).catch(() => new Map());
      for (const record of records.values()) {
        if (record.alternatives) record.alternatives = record.alternatives.filter((doc) => named.has(doc)).map((doc) => alternative(named.get(doc)));
      }
    }
    return records;
  }

  // Each document's organization id, in document order: from the offline copy when this
  // device keeps it, as saved() reads the records.
  async ids() {
    const name = (await this.described()).ids;
    if (!this.cache.has(name) && typeof caches !== "undefined") {
      const saved = await caches.match(new URL(name, this.base));
      if (saved && !this.cache.has(name)) this.cache.set(name, saved.json());
    }
    return this.fetchJson(name);
  }

  // A whole record by its id (for pages drawn offline), or null.
  async record(id) {
    const number = (await this.ids()).indexOf(id);
    if (number < 0) return null;
    return (await this.records([number])).get(number);
  }

  // Each document's places as [latitude, longitude, latitude, ...] (index.py _points).
  async points() {
    return this.fetchJson((await this.described()).points);
  }

  // Each document's categories, regions, languages and places, read by name (facets.js).
  async facets() {
    const manifest = await this.described();
    return new Facets(manifest, await this.fetchJson(manifest.facets));
  }
}
