// Quick exit ("Exit this page", GOV.UK's pattern): hide the page at once and leave for a
// neutral page, replacing this page in the history so that "back" does not return to it.
// One tap on the button (it stays at the top of the screen), three presses of Shift alone
// (Shift+Tab going back through links, or capitals typed, are not the gesture), or Escape
// (except inside a text field, where Escape clears it, when it closed a menu, and inside a
// form, a map or an open disclosure, where Escape closes a popup or a toggle: it threw a
// person using the map's keyboard out of the site).
// Only the page left is replaced in the history: "back" from the neutral page came to the page
// before it, a search for "violence conjugale" with its words in the field (stop 78's probe).
// So each page marks its place in the history with how many exits the tab has seen; one that
// "back" or "forward" brings again with an older mark (loaded again or kept in memory by the
// browser) leaves at once. Pages seen since, the site opened anew, are themselves.
const SHIFT_PRESSES = 3;
const PRESS_WINDOW_MS = 1500;
const EXITS = "quick-exit:exits";

function exits() {
  try { return Number(window.sessionStorage.getItem(EXITS)) || 0; } catch (error) { return 0; }
}

function leave(url) {
  document.documentElement.classList.add("leaving");  // site.css paints the page blank at once
  document.body.hidden = true;
  document.title = "";
  const seen = exits() + 1;
  try {
    window.sessionStorage.clear();
    window.sessionStorage.setItem(EXITS, String(seen));
  } catch (error) { /* storage may be disabled */ }
  window.location.replace(url);
}

// Whether this page's place in the history was made before the tab's last exit.
function fromBeforeAnExit() {
  const mark = window.history.state?.quickExits;
  return typeof mark === "number" && mark < exits();
}

// A page brought back by "back" or "forward" from before an exit leaves again; any other is
// marked as of now.
function leaveAgainIfBack(url) {
  const navigation = performance.getEntriesByType?.("navigation")[0];
  if (navigation?.type === "back_forward" && fromBeforeAnExit()) {
    leave(url);
    return true;
  }
  if (navigation?.type !== "back_forward" || typeof window.history.state?.quickExits !== "number") {
    window.history.replaceState({ ...(window.history.state || {}), quickExits: exits() }, "");
  }
  return false;
}

function typing(target) {
  return target instanceof HTMLElement && (target.isContentEditable
    || target.matches("input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]), textarea, select"));
}

// Where Escape belongs to what has the focus: filters, a map and its popups, what is open.
function escapeIsTheirs(target) {
  return target instanceof Element && Boolean(target.closest("form, .leaflet-container, details[open], dialog, [role=dialog]"));
}

function start(link) {
  const url = link.href;
  if (leaveAgainIfBack(url)) return;
  // Kept in memory by the browser and shown again as it was: no new load says it came back.
  window.addEventListener("pageshow", (event) => { if (event.persisted && fromBeforeAnExit()) leave(url); });
  link.addEventListener("click", (event) => {
    event.preventDefault();
    leave(url);
  });
  let presses = [];
  let alone = false; // Shift is down and no other key was pressed with it
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      if (event.shiftKey || (!event.defaultPrevented && !typing(event.target) && !escapeIsTheirs(event.target))) leave(url);
      return;
    }
    if (event.key === "Shift") {
      if (!event.repeat) alone = true;
      return;
    }
    alone = false;
    presses = []; // another key between the presses: not the gesture
  });
  // A press counts when Shift is let go without another key pressed meanwhile.
  document.addEventListener("keyup", (event) => {
    if (event.key !== "Shift" || !alone) return;
    alone = false;
    const now = Date.now();
    presses = presses.filter((t) => now - t < PRESS_WINDOW_MS);
    presses.push(now);
    if (presses.length >= SHIFT_PRESSES) leave(url);
  });
}

const link = document.querySelector('[data-module="quick-exit"]');
if (link) start(link);
