// Offline use: registers the service worker (sw.js, written by plugins/offline), asks it to
// keep this language's pack once the page has loaded and shows what it fetched (so the first
// visit is not slowed), offers a new build when one is ready, and says when the device is offline.
const ROOT = new URL("../../", import.meta.url);
const hadController = "serviceWorker" in navigator && Boolean(navigator.serviceWorker.controller);

function indicator() {
  const badge = document.querySelector("[data-offline-indicator]");
  if (!badge) return;
  const update = () => { badge.hidden = navigator.onLine; };
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  update();
}

// A page still fetching what it shows (a search under way says aria-busy) goes first: the
// offline copy is hundreds of files, which on a weak connection would hold its results back.
function whenSettled(callback) {
  const busy = () => document.querySelector('[aria-busy="true"]');
  if (!busy()) {
    callback();
    return;
  }
  const observer = new MutationObserver(() => {
    if (busy()) return;
    observer.disconnect();
    callback();
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ["aria-busy"], subtree: true });
}

function apply(worker) {
  worker.postMessage({ type: "skip-waiting" }); // controllerchange then reloads the page
}

// "Later" holds for an hour in this tab: someone reading a number is not asked again on every
// page, and a tab kept open for days (a phone's) is still offered the newer numbers. Once every
// tab of the site is closed, the new build starts by itself.
const LATER = "repertoire-update-later";
const LATER_MS = 60 * 60 * 1000;
const saidLater = () => {
  try { return Date.now() - Number(sessionStorage.getItem(LATER) || 0) < LATER_MS; } catch (error) { return false; }
};
const sayLater = () => { try { sessionStorage.setItem(LATER, String(Date.now())); } catch (error) { /* storage may be disabled */ } };

// Held back by "Later": offered again when the reader comes back to the tab after the hour (a
// phone's tab stays on one page for hours), not only on the next page opened.
function offerWhenBack(worker) {
  const again = () => {
    if (document.visibilityState !== "visible" || saidLater()) return;
    document.removeEventListener("visibilitychange", again);
    window.removeEventListener("pageshow", again);
    offerUpdate(worker);
  };
  document.addEventListener("visibilitychange", again);
  window.addEventListener("pageshow", again);
}

function offerUpdate(worker) {
  const banner = document.querySelector("[data-update-banner]");
  if (!banner) return;
  if (saidLater()) {
    banner.dataset.offered = "later";
    offerWhenBack(worker);
    return;
  }
  banner.hidden = false;
  banner.dataset.offered = "shown";
  banner.querySelector("[data-update-now]").addEventListener("click", () => apply(worker), { once: true });
  banner.querySelector("[data-update-later]").addEventListener("click", () => {
    sayLater();
    banner.hidden = true;
    banner.dataset.offered = "later";
    document.getElementById("main")?.focus(); // not lost with the button that went away
    offerWhenBack(worker);
  }, { once: true });
}

// A new build, at whatever stage it is when the page gets here: the browser looks for one as
// the page loads, so it may already be installing, or installed and waiting, before register()
// runs (listening for "updatefound" alone missed it: no banner). Offered, never applied
// unasked: a page reloading by itself loses the place of someone reading a number.
function watch(worker) {
  if (!worker || !navigator.serviceWorker.controller) return;
  if (worker.state === "installed") {
    offerUpdate(worker);
    return;
  }
  worker.addEventListener("statechange", () => {
    if (worker.state === "installed") offerUpdate(worker);
  });
}

async function register() {
  const registration = await navigator.serviceWorker.register(new URL("sw.js", ROOT));
  watch(registration.waiting || registration.installing);
  registration.addEventListener("updatefound", () => watch(registration.installing));
  const ready = await navigator.serviceWorker.ready;
  // A browser set to save data (Save-Data) gets no language pack unasked (megabytes): the
  // offline page saves it on demand.
  if (navigator.connection?.saveData) return;
  ready.active.postMessage({ type: "keep", lang: (document.documentElement.lang || "fr").slice(0, 2) });
}

if ("serviceWorker" in navigator) {
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!hadController || reloading) return; // the first install changes nothing on screen
    reloading = true;
    window.location.reload();
  });
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data && event.data.type === "kept") document.documentElement.dataset.offline = "ready";
  });
  const start = () => whenSettled(() => register().catch((e) => console.warn("Offline use unavailable:", e)));
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
}
indicator();
