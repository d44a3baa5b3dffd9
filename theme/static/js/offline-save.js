// "Save for offline": asks the service worker to download everything of the chosen
// languages, after showing the size and the storage available; shows the progress.
import { fill } from "./text.js";

function megabytes(bytes, lang) {
  const amount = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(bytes / 1048576);
  return `${amount} ${lang === "fr" ? "Mo" : "MB"}`;
}

async function start(box) {
  const texts = JSON.parse(box.dataset.texts);
  const lang = (document.documentElement.lang || "fr").slice(0, 2);
  const status = box.querySelector("[data-offline-save-status]");
  // The form shows from the start when scripts run (no jump when it is ready), except here.
  const form = box.querySelector("[data-offline-save-form]");
  if (!("serviceWorker" in navigator) || !("caches" in window)) {
    form.hidden = true;
    status.textContent = texts.unsupported;
    return;
  }
  const sizeLine = box.querySelector("[data-offline-save-size]");
  const storageLine = box.querySelector("[data-offline-save-storage]");
  const button = box.querySelector("[data-offline-save-start]");
  const progress = box.querySelector("[data-offline-save-progress]");
  const info = await (await fetch(new URL("offline.json", new URL(box.dataset.root, document.baseURI)))).json();
  const chosen = () => [...box.querySelectorAll('input[name="langs"]:checked')].map((input) => input.value);
  const showSize = () => {
    const bytes = chosen().reduce((sum, code) => sum + (info.everything[code] ? info.everything[code].bytes + info.packs[code] : 0), 0);
    sizeLine.textContent = fill(texts.size, { size: megabytes(bytes, lang) });
  };
  box.addEventListener("change", showSize);
  showSize();
  if (navigator.storage && navigator.storage.estimate) {
    const { quota = 0, usage = 0 } = await navigator.storage.estimate();
    storageLine.textContent = fill(texts.storage, { free: megabytes(quota - usage, lang) });
  }
  navigator.serviceWorker.addEventListener("message", (event) => {
    const data = event.data || {};
    if (data.type === "save-progress") {
      progress.max = data.total;
      progress.value = data.done;
      status.textContent = fill(texts.progress, { done: data.done, total: data.total });
    } else if (data.type === "saved") {
      progress.value = progress.max;
      status.textContent = texts.saved;
      button.disabled = false;
      box.dataset.saved = data.langs.join(" ");
    } else if (data.type === "save-failed") {
      status.textContent = texts.failed;
      button.disabled = false;
    }
  });
  button.addEventListener("click", async () => {
    const langs = chosen();
    if (!langs.length) { status.textContent = texts.choose; return; }
    button.disabled = true;
    progress.hidden = false;
    let persisted = false;
    if (navigator.storage && navigator.storage.persist) persisted = await navigator.storage.persist();
    status.textContent = persisted ? texts.persisted : texts.not_persisted;
    const registration = await navigator.serviceWorker.ready;
    registration.active.postMessage({ type: "save", langs });
  });
}

const box = document.querySelector('[data-module="offline-save"]');
if (box) {
  start(box).catch((error) => {
    box.querySelector("[data-offline-save-form]").hidden = true; // a button that could do nothing
    console.warn("Save for offline unavailable:", error);
  });
}
