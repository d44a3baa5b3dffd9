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
  };
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    toggle(open);
    if (open) {
      const first = menu.querySelector("input, a");
      if (first) first.focus();
    }
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
// scripting). At most half the screen: an open menu on a phone is not a header to clear.
function keepClearOfHeader(header) {
  const clear = () => {
    const height = Math.min(header.getBoundingClientRect().height, window.innerHeight / 2);
    document.documentElement.style.scrollPaddingTop = `${Math.ceil(height) + 8}px`;
  };
  clear();
  if ("ResizeObserver" in window) new ResizeObserver(clear).observe(header);
}

const button = document.querySelector("[data-menu-button]");
if (button) start(button);
const header = document.querySelector(".site-header");
if (header) keepClearOfHeader(header);
