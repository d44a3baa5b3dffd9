// "Save for offline": asks the service worker to download everything of the chosen
// languages, after showing the size and the storage available; shows the progress. The page
// first asks the worker what is saved and what is being saved (a visit during a save shows
// its progress, not a second save), and a save is made by the worker of the newest build:
// a save asked of an older one, after the site changed, fetched a list the site no longer has.
import { fill } from "./text.js";

// The worker of the newest build: one being installed is waited for, and one waiting (an
// update not yet taken) is the one to fill, as its copy is the one pages will then use.
async function newest(registration) {
  await registration.update().catch(() => {}); // a build published since this page loaded
  const installing = registration.installing;
  if (installing) {
    await new Promise((resolve) => {
      installing.addEventListener("statechange", () => { if (installing.state !== "installing") resolve(); });
    });
  }
  return registration.waiting || registration.active;
}

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
  // Tens of megabytes on a metered connection: a save can be stopped (what is saved stays).
  const stop = box.querySelector("[data-offline-save-stop]");
  // The focus follows, when the save starts or ends only (each file's progress comes here
  // too): the pressed button, disabled, dropped it to the page's top (a phone probe's: a
  // screen reader was sent back to the start), and Stop, gone, the same.
  const saving = (under) => {
    const focused = document.activeElement;
    const changed = stop.hidden === under;
    button.disabled = under;
    stop.hidden = !under;
    if (changed && under && focused === button) stop.focus();
    if (changed && !under && focused === stop) button.focus();
  };
  const progress = box.querySelector("[data-offline-save-progress]");
  const ready = navigator.serviceWorker.ready; // not waited for: the size shows meanwhile
  const chosen = () => [...box.querySelectorAll('input[name="langs"]:checked')].map((input) => input.value);
  // The bar and the count beside it move with every file; the status, read out by screen
  // readers, at each quarter only (it changed 34 times in a save, each said aloud). On slow 3G
  // a quarter is ten minutes: the status alone looked stuck (stop 78's offline probe).
  const count = box.querySelector("[data-offline-save-count]");
  const number = new Intl.NumberFormat(lang);
  let quarterSaid = -1;
  const showProgress = ({ done, total, bytes }) => {
    progress.hidden = false;
    progress.max = total;
    progress.value = done;
    count.hidden = false;
    count.textContent = [`${number.format(done)} / ${number.format(total)}`, bytes ? megabytes(bytes, lang) : ""]
      .filter(Boolean).join(" · ");
    const quarter = Math.floor((4 * done) / Math.max(total, 1));
    if (quarter !== quarterSaid) {
      quarterSaid = quarter;
      status.textContent = fill(texts.progress, { done, total });
    }
  };
  // Saved: what it would download is no longer news (it still said "about 12 MB to download").
  let full = new Set(); // the languages saved whole on this device
  let packed = new Set(); // the languages whose pack is kept (after a first visit): not to download again
  const everyChosenSaved = () => chosen().every((code) => full.has(code));
  // What already works offline, in any case: the languages whose pages and search are kept.
  const kept = document.querySelector("[data-offline-kept]");
  const showKept = () => {
    const names = [...packed, ...full].filter((code, at, all) => all.indexOf(code) === at && texts.languages[code])
      .map((code) => texts.languages[code]);
    kept.hidden = !names.length;
    const list = Intl.ListFormat ? new Intl.ListFormat(lang, { type: "conjunction" }).format(names) : names.join(", ");
    kept.textContent = names.length ? fill(texts.kept, { languages: list }) : "";
  };
  const showSaved = () => {
    status.textContent = texts.saved;
    sizeLine.hidden = true;
  };
  let ended = false; // a save's end, told: a state read before it is older news
  let stopAsked = false;
  const showStopped = () => {
    ended = true;
    status.textContent = texts.stopped;
    saving(false);
    box.dispatchEvent(new Event("change")); // what is left to download, said again
    button.focus(); // the Stop button, focused, is gone
  };
  navigator.serviceWorker.addEventListener("message", (event) => {
    const data = event.data || {};
    if (data.type === "state") {
      if (data.saving && !ended) {
        saving(true);
        showProgress(data.saving);
      } else {
        full = new Set(data.state.full || []);
        packed = new Set(data.state.langs || []);
        if (kept) showKept();
        box.dispatchEvent(new Event("change")); // the size without what is kept
        if (everyChosenSaved()) showSaved();
      }
    } else if (data.type === "save-progress") {
      saving(true);
      showProgress(data);
    } else if (data.type === "saved") {
      ended = true;
      progress.value = progress.max;
      full = new Set([...full, ...data.langs]);
      if (kept) showKept();
      showSaved();
      saving(false);
      box.dataset.saved = data.langs.join(" ");
      // Saved by the newer build's worker: it takes over now (offline.js reloads the page).
      if (event.source && event.source !== navigator.serviceWorker.controller) event.source.postMessage({ type: "skip-waiting" });
    } else if (data.type === "save-failed") {
      ended = true;
      // A full device is not a lost connection: retrying would never finish.
      status.textContent = /QuotaExceeded/.test(data.message || "") ? texts.full : texts.failed;
      saving(false);
    } else if (data.type === "kept") { // the pack, kept meanwhile (a first visit): no longer to download
      ready.then((registration) => registration.active?.postMessage({ type: "state" }));
    } else if (data.type === "save-stopped") {
      showStopped();
    }
  });
  ready.then((registration) => registration.active && registration.active.postMessage({ type: "state" }));
  // Listened to before the size is fetched: on a slow connection the button, shown from the
  // start, did nothing when pressed before offline.json arrived (seen in CI, a slow machine).
  button.addEventListener("click", async () => {
    const langs = chosen();
    if (!langs.length) { status.textContent = texts.choose; return; }
    saving(true);
    stop.focus(); // pressed, even where a tap gives a button no focus (Safari)
    stopAsked = false;
    progress.hidden = false;
    ended = false;
    quarterSaid = -1;
    let persisted = false;
    if (navigator.storage && navigator.storage.persist) persisted = await navigator.storage.persist();
    status.textContent = persisted ? texts.persisted : texts.not_persisted;
    const worker = await newest(await ready);
    // Stopped while the newest worker was looked for (an update checked, an install waited
    // for): no worker had a save to stop, and it ran to its end (a reviewer's finding).
    if (stopAsked) {
      showStopped();
      return;
    }
    worker.postMessage({ type: "save", langs });
  });
  // Said to every worker of the site: the save may be an update's, waiting.
  stop.addEventListener("click", async () => {
    stopAsked = true;
    const registration = await ready;
    for (const worker of [registration.active, registration.waiting, registration.installing]) worker?.postMessage({ type: "stop" });
  });
  let info;
  try {
    info = await (await fetch(new URL("offline.json", new URL(box.dataset.root, document.baseURI)))).json();
  } catch (error) { // offline: what is saved is said (state above); saving waits for a connection
    // A save pressed before this failed keeps its progress and its Stop (a reviewer's).
    if (stop.hidden) form.hidden = true;
    else sizeLine.hidden = storageLine.hidden = true;
    if (!status.textContent) status.textContent = texts.needs_connection;
    return;
  }
  const showSize = () => {
    const bytes = chosen().reduce((sum, code) => sum + (info.everything[code]
      ? info.everything[code].bytes + (packed.has(code) ? 0 : info.packs[code]) : 0), 0);
    sizeLine.textContent = fill(texts.size, { size: megabytes(bytes, lang) });
    sizeLine.hidden = everyChosenSaved() || !stop.hidden; // not "to download" while it downloads
  };
  box.addEventListener("change", showSize);
  showSize();
  if (navigator.storage && navigator.storage.estimate) {
    const { quota = 0, usage = 0 } = await navigator.storage.estimate();
    storageLine.textContent = fill(texts.storage, { free: megabytes(quota - usage, lang) });
  }
}

const box = document.querySelector('[data-module="offline-save"]');
if (box) {
  start(box).catch((error) => {
    box.querySelector("[data-offline-save-form]").hidden = true; // a button that could do nothing
    console.warn("Save for offline unavailable:", error);
  });
}
