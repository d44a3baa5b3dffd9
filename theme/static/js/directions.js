// Directions to a place, in the app this device opens them with. Pages are built with geo:
// links, which a phone's map app opens on Android, scripts or not; Safari on an iPhone and a
// computer's browsers open none (the "Directions" button did nothing there, a helper's probe):
// each link carries the directions they open instead (macros.html geo_link), Apple Maps' and
// OpenStreetMap's.
const agent = typeof navigator === "undefined" ? "" : navigator.userAgent;
const ANDROID = /Android/i.test(agent);
// An iPad asks for the desktop site: a Mac's name, with a touch screen.
const APPLE = /iPhone|iPad|iPod/.test(agent) || (/Macintosh/.test(agent) && navigator.maxTouchPoints > 1);

// The geo: links of `root` made the device's. On a computer, a place's "your phone's map app"
// beside its OpenStreetMap link goes, with the " · " between them: both would lead to the same.
export function rewriteDirections(root = document) {
  if (ANDROID) return;
  for (const link of root.querySelectorAll('a[href^="geo:"][data-web]')) {
    const next = link.nextSibling;
    if (!APPLE && next && next.nodeType === 3 && next.textContent.trim() === "·" && next.nextElementSibling) {
      next.remove();
      link.remove();
      continue;
    }
    link.href = APPLE ? link.dataset.apple : link.dataset.web;
    link.rel = "noreferrer";
  }
}

if (typeof document !== "undefined") rewriteDirections();
