// The header's menu on a phone: the search box and the navigation fold behind one button,
// so that the page's own content starts on the first screen. Wide screens show them always
// (site.css); without scripting they are never folded.
const OPEN_CLASS = "site-menu--open";

function start(button) {
  const menu = document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  const toggle = (open) => {
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle(OPEN_CLASS, open);
    // It scrolls within what the bar leaves of the screen: with larger text the bar is three
    // rows, and the last link ("Ma liste") was under the screen's edge (stop 77's probe).
    menu.style.maxHeight = open ? `${Math.max(window.innerHeight - menu.getBoundingClientRect().top, 120)}px` : "";
  };
  button.addEventListener("click", (event) => {
    const open = button.getAttribute("aria-expanded") !== "true";
    toggle(open);
    // Opened from the keyboard (a click of no pointer: detail 0), its first field or link is
    // focused, ready to type. Tapped, nothing is: the search box focused brought the phone's
    // keyboard up over the menu's links (stop 80's probe).
    if (open && event.detail === 0) {
      const first = menu.querySelector("input, a");
      if (first) first.focus();
    }
  });
  // A tap or click outside an open menu closes it (it stayed open over the page). On pressing,
  // not on a click: Safari on an iPhone sends no click for a tap on plain text (a reviewer's).
  document.addEventListener("pointerdown", (event) => {
    if (button.getAttribute("aria-expanded") !== "true") return;
    const path = event.composedPath();
    if (path.includes(menu) || path.includes(button)) return;
    toggle(false);
  });
  // Escape closes an open menu first (capture: before the quick exit's own Escape).
  window.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.shiftKey || button.getAttribute("aria-expanded") !== "true") return;
    event.preventDefault();
    toggle(false);
    button.focus();
  }, true);
}

// A linked or focused element is never under the sticky header, whatever its height: larger
// text wraps its bar, and wide screens show the menu in it (site.css's 4.5rem holds without
// scripting). A header of more than a third of the screen (a phone held sideways: 42 %, 84 %
// with larger text, and focused links went under it) does not stay: only the quick exit does
// (site.css). An open menu on a phone is not counted: it is what the person is reading.
function keepClearOfHeader(header, button) {
  const clear = () => {
    const folding = button && button.offsetParent !== null;
    const menu = header.querySelector("[data-menu]");
    const open = folding && menu ? menu.getBoundingClientRect().height : 0;
    const height = header.getBoundingClientRect().height - open;
    // Back only under a quarter: the quick exit out of the bar makes it shorter, and one
    // threshold would go back and forth.
    const was = header.classList.contains("site-header--unstuck");
    const unstuck = height > window.innerHeight / (was ? 4 : 3);
    header.classList.toggle("site-header--unstuck", unstuck);
    // Unstuck, what stays at the top is the quick exit: nothing focused goes under it either,
    // and the bar keeps its room (the language switch went under it).
    const exit = header.querySelector(".quick-exit");
    header.style.setProperty("--quick-exit-room", unstuck && exit ? `${Math.ceil(exit.getBoundingClientRect().width)}px` : "0px");
    const above = unstuck ? (exit ? exit.getBoundingClientRect().bottom : 0) : height;
    document.documentElement.style.scrollPaddingTop = `${Math.ceil(above) + 8}px`;
  };
  clear();
  window.addEventListener("resize", clear);
  if ("ResizeObserver" in window) new ResizeObserver(clear).observe(header);
}

const button = document.querySelector("[data-menu-button]");
if (button) start(button);
const header = document.querySelector(".site-header");
if (header) keepClearOfHeader(header, button);
