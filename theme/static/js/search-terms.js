// Text to search terms in the browser: the steps of plugins/search_index/analysis.py
// (split, lower-case, stop words, stem, fold accents), with lunr.js's own stemmers.
// tests/test_search.py checks that both give the same terms and the same hits.
/* global lunr */

const WORD = /[\p{L}\p{N}]+/gu;
// Letters Unicode does not take apart into a letter and an accent (folding.py LIGATURES).
const LIGATURES = { "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
  "đ": "d", "Đ": "D" };
const LIGATURE = /[œŒæÆßøØłŁđĐ]/g;
// Folded before stemming, as analysis.py does (lunr.fr.js and Snowball differ there).
const DIAERESIS = { "ë": "e", "ï": "i", "ü": "u", "ÿ": "y" };

// Accents typed as separate marks (NFD) joined to their letters first (folding.py words).
export function words(text) {
  return text.normalize("NFC").toLowerCase().match(WORD) || [];
}

export function fold(word) {
  return word.replace(LIGATURE, (l) => LIGATURES[l]).normalize("NFD").replace(/\p{Mn}/gu, "");
}

// Lower-case ASCII words joined by single spaces (folding.py ascii_words): "Sacré-Cœur" -> "sacre coeur".
export function asciiWords(text) {
  return text.replace(LIGATURE, (l) => LIGATURES[l]).normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, " ").trim();
}

// `whole`: the words kept whole (analysis.py WHOLE_WORDS, from the manifest); `spellings`: a
// word spelled two ways -> its first spelling, stemmed instead (analysis.py SPELLINGS);
// `families`: [RegExp, word] of an acronym's variants (analysis.py WORD_FAMILIES).
export function stem(typed, lang, whole = new Set(), spellings = {}, families = []) {
  const spelled = Object.prototype.hasOwnProperty.call(spellings, typed) ? spellings[typed] : typed;
  const word = families.find(([pattern]) => pattern.test(spelled))?.[1] ?? spelled;
  if (whole.has(word)) return word;
  if (lang === "fr") return lunr.fr.stemmer(new lunr.Token(word.replace(/[ëïüÿ]/g, (l) => DIAERESIS[l]))).toString();
  return lunr.stemmer(new lunr.Token(word)).toString();
}

export function term(word, lang, stopWords, whole, spellings, families) {
  if (stopWords.has(fold(word))) return null;
  return fold(stem(word, lang, whole, spellings, families));
}
