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

const button = document.querySelector("[data-menu-button]");
if (button) start(button);
