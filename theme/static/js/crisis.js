// Crisis lines first: shows the lines of the search page's crisis box whose phrases the
// query says. The rule of plugins/repertoire/crisis.py (lower case, no accents, a final s or
// x dropped, all of a phrase's words present in either language); tests/test_crisis.py runs
// one table through both. Words and folding are search's own (search-terms.js).
import { fold, words } from "./search-terms.js";

export function keyWords(text) {
  return words(text).map(fold).map((w) => (w.length > 3 && /[sx]$/.test(w) ? w.slice(0, -1) : w));
}

// Each <li data-crisis-phrases="word word|word"> of the box: shown when the query says one phrase.
export function showCrisisLines(box, query) {
  if (!box) return;
  const said = new Set(keyWords(query));
  let any = false;
  for (const item of box.querySelectorAll("[data-crisis-phrases]")) {
    const match = item.dataset.crisisPhrases.split("|").some((phrase) => phrase && phrase.split(" ").every((w) => said.has(w)));
    item.hidden = !match;
    any = any || match;
  }
  box.hidden = !any;
}
