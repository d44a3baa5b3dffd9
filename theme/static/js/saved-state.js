// What this device keeps for use without a connection, as the service worker notes it
// (plugins/offline/service-worker.js writeState).

// The languages whose pack (search and every organization) this device keeps; null where there
// is no cache to ask. A language being saved (the first seconds after a first visit), or whose
// save the connection cut, is not one.
export async function keptLanguages(root) {
  if (!("caches" in window)) return null;
  const state = await caches.match(new URL("__state", root).href);
  return state ? (await state.json()).langs || [] : [];
}
