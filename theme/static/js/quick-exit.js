// Quick exit ("Exit this page", GOV.UK's pattern): hide the page at once and leave for a
// neutral page, replacing this page in the history so that "back" does not return to it.
// One tap on the button (it stays at the top of the screen), three presses of Shift, or
// Escape (except inside a text field, where Escape clears it, or when it closed a menu).
const SHIFT_PRESSES = 3;
const PRESS_WINDOW_MS = 1500;

function leave(url) {
  document.documentElement.classList.add("leaving");  // site.css paints the page blank at once
  document.body.hidden = true;
  document.title = "";
  try { window.sessionStorage.clear(); } catch (error) { /* storage may be disabled */ }
  window.location.replace(url);
}

function typing(target) {
  return target instanceof HTMLElement && (target.isContentEditable
    || target.matches("input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]), textarea, select"));
}

function start(link) {
  const url = link.href;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    leave(url);
  });
  let presses = [];
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      if (event.shiftKey || (!event.defaultPrevented && !typing(event.target))) leave(url);
      return;
    }
    if (event.key !== "Shift" || event.repeat) return;
    const now = Date.now();
    presses = presses.filter((t) => now - t < PRESS_WINDOW_MS);
    presses.push(now);
    if (presses.length >= SHIFT_PRESSES) leave(url);
  });
}

const link = document.querySelector('[data-module="quick-exit"]');
if (link) start(link);
