// Text to search terms in the browser: the steps of plugins/search_index/analysis.py
// (split, lower-case, stop words, stem, fold accents), with lunr.js's own stemmers.
// tests/test_search.py checks that both give the same terms and the same hits.
/* global lunr */

const WORD = /[\p{L}\p{N}]+/gu;
const LIGATURES = { "œ": "oe", "æ": "ae", "ß": "ss" };
// Folded before stemming, as analysis.py does (lunr.fr.js and Snowball differ there).
const DIAERESIS = { "ë": "e", "ï": "i", "ü": "u", "ÿ": "y" };

export function words(text) {
  return text.toLowerCase().match(WORD) || [];
}

export function fold(word) {
  return word.replace(/[œæß]/g, (l) => LIGATURES[l]).normalize("NFD").replace(/\p{Mn}/gu, "");
}

export function stem(word, lang) {
  if (lang === "fr") return lunr.fr.stemmer(new lunr.Token(word.replace(/[ëïüÿ]/g, (l) => DIAERESIS[l]))).toString();
  return lunr.stemmer(new lunr.Token(word)).toString();
}

export function term(word, lang, stopWords) {
  if (stopWords.has(fold(word))) return null;
  return fold(stem(word, lang));
}
