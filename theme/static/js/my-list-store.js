// "My list": the organizations a person keeps, as ids in this device's storage (never sent
// anywhere), shared by both languages. Buttons [data-list-toggle="<id>"] add or remove one;
// every open page follows changes made in another tab.
const KEY = "repertoire-my-list";
const listeners = new Set();

export function listIds() {
  try {
    const ids = JSON.parse(window.localStorage.getItem(KEY) || "[]");
    return Array.isArray(ids) ? ids.filter((id) => typeof id === "string") : [];
  } catch (error) {
    return []; // storage blocked (private mode) or damaged: an empty list, not a broken page
  }
}

export function saveIds(ids) {
  const unique = [...new Set(ids)];
  try {
    window.localStorage.setItem(KEY, JSON.stringify(unique));
  } catch (error) {
    console.warn("My list cannot be saved on this device:", error);
  }
  listeners.forEach((listener) => listener(unique));
  return unique;
}

export function onListChange(listener) {
  listeners.add(listener);
}

// The button of partials/macros.html list_toggle, for pages drawn by scripts. `name` (the
// organization's), for a list of them: a screen reader going from button to button heard the
// same words twenty times; each now says whose it is, after the words it shows.
export function listToggle(id, label, name = "") {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "list-toggle needs-js";
  button.dataset.listToggle = id;
  button.setAttribute("aria-pressed", String(listIds().includes(id)));
  button.textContent = label;
  if (name) button.setAttribute("aria-label", `${label}, ${name}`);
  return button;
}

function refreshToggles(ids = listIds()) {
  for (const button of document.querySelectorAll("[data-list-toggle]")) {
    button.setAttribute("aria-pressed", String(ids.includes(button.dataset.listToggle)));
  }
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-list-toggle]");
  if (!button) return;
  const id = button.dataset.listToggle;
  const ids = listIds();
  saveIds(ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id]);
});
// A change made in another tab reaches this page's listeners too.
window.addEventListener("storage", (event) => {
  if (event.key === KEY) { const ids = listIds(); listeners.forEach((listener) => listener(ids)); }
});
onListChange(refreshToggles);
refreshToggles();
// Search results and drawn pages add toggles after this ran.
new MutationObserver(() => refreshToggles()).observe(document.body || document.documentElement,
  { childList: true, subtree: true });
