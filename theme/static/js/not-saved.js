// The page shown offline for a page this device never saved (the service worker sends the
// visitor here with ?from=<that page>): try it again, by itself once the connection is back,
// and offer its twin in another language when that one is saved.
import { keptLanguages } from "./saved-state.js";

function askedFor(root) {
  // Only a page of this site: ?from= is never followed elsewhere.
  const from = new URLSearchParams(window.location.search).get("from");
  if (!from) return null;
  const url = new URL(from, root);
  return url.origin === root.origin && url.pathname.startsWith(root.pathname) ? url : null;
}

async function savedTwins(box, root, asked) {
  // offline/twins.json: {page: {lang: twin page}} from the site root, for pages with translations.
  const response = await fetch(box.dataset.twins);
  if (!response.ok) return;
  const pages = await response.json();
  const known = pages[asked.pathname.slice(root.pathname.length)];
  box.querySelector("[data-not-saved-exists]").hidden = !known;
  const twins = known || {};
  for (const line of box.querySelectorAll("[data-not-saved-twin]")) {
    const twin = twins[line.dataset.notSavedTwin];
    if (!twin) continue;
    const href = new URL(twin, root).href;
    if (!("caches" in window) || !(await caches.match(href))) continue;
    line.querySelector("a").href = href;
    line.hidden = false;
  }
}

// A list's page after its first (categories/x/page-2/) is not in a language's pack; the whole
// list is, in the search of its language, filtered: offered when that language's pack is saved
// (its search page alone is in every phone's copy: the link led to "search is not available").
async function wholeList(box, root, asked) {
  const path = asked.pathname.slice(root.pathname.length);
  for (const [pattern, filter, search, lang] of JSON.parse(box.dataset.lists || "[]")) {
    const before = pattern.split("SLUG")[0];
    const slug = path.startsWith(before) ? path.slice(before.length).split("/")[0] : "";
    if (!slug) continue;
    const searchPage = new URL(search, root).href;
    const kept = await keptLanguages(root);
    if (kept && (!kept.includes(lang) || !(await caches.match(searchPage)))) return;
    const line = box.querySelector("[data-not-saved-list]");
    line.querySelector("a").href = `${searchPage}?${filter}=${encodeURIComponent(decodeURIComponent(slug))}`;
    line.hidden = false;
    return;
  }
}

// "Search · every organization" only once this language's pack is saved: in the seconds after a
// first visit it was said while the search could find nothing yet (stop 83's phone probe).
async function everyOrganization(box, root) {
  const kept = await keptLanguages(root);
  const lang = (document.documentElement.lang || "").slice(0, 2);
  box.querySelector("[data-not-saved-every]").hidden = Boolean(kept) && !kept.includes(lang);
}

function start(box) {
  const root = new URL(box.dataset.root, document.baseURI);
  everyOrganization(box, root).catch((error) => console.warn("No saved state:", error));
  const asked = askedFor(root);
  if (!asked) return;
  const retry = box.querySelector("[data-not-saved-retry]");
  retry.href = asked.href;
  // Back online: go to the page asked for, once the site really answers (an "online" event
  // alone may come from a network that still reaches nothing, and would loop back here).
  const tryAgain = async () => {
    try {
      const answer = await fetch(asked.href, { method: "HEAD", cache: "no-store" });
      if (answer.ok) window.location.replace(asked.href);
    } catch (error) { /* still offline: stay */ }
  };
  window.addEventListener("online", tryAgain);
  // The connection may have come back while this page loaded, before anything listened.
  if (navigator.onLine) tryAgain();
  savedTwins(box, root, asked).catch((error) => console.warn("No twin page:", error));
  wholeList(box, root, asked).catch((error) => console.warn("No saved list:", error));
}

document.querySelectorAll('[data-module="not-saved"]').forEach(start);
