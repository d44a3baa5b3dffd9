// Quick exit: leave at once for a neutral page, replacing this page in the history so
// that "back" does not return to this page. Also on three presses of Shift, or Shift+Escape.
const SHIFT_PRESSES = 3;
const PRESS_WINDOW_MS = 1500;

function leave(url) {
  document.body.hidden = true;
  document.title = "";
  try { window.sessionStorage.clear(); } catch (error) { /* storage may be disabled */ }
  window.location.replace(url);
}

function start(link) {
  const url = link.href;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    leave(url);
  });
  let presses = [];
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && event.shiftKey) { leave(url); return; }
    if (event.key !== "Shift" || event.repeat) return;
    const now = Date.now();
    presses = presses.filter((t) => now - t < PRESS_WINDOW_MS);
    presses.push(now);
    if (presses.length >= SHIFT_PRESSES) leave(url);
  });
}

const link = document.querySelector('[data-module="quick-exit"]');
if (link) start(link);
