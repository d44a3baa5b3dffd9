// Alert banners: shown only while their window is open by the reader's own clock (a page
// kept in a cache stops showing an alert that has ended, and shows a scheduled one when
// it starts), hidden for good on this device once dismissed (localStorage, per alert id).

const STORAGE_PREFIX = "repertoire.alert-dismissed.";
const RECHECK_MS = 60000;

export function isOpen(banner, now) {
  const start = Date.parse(banner.dataset.start);
  const end = Date.parse(banner.dataset.end);
  return now >= start && now < end;
}

function dismissed(id) {
  try {
    return window.localStorage.getItem(STORAGE_PREFIX + id) !== null;
  } catch (error) {
    return false; // storage disabled: the banner simply comes back
  }
}

function remember(id) {
  try {
    window.localStorage.setItem(STORAGE_PREFIX + id, new Date().toISOString());
  } catch (error) { /* storage disabled or full */ }
}

function update(banner) {
  banner.hidden = !isOpen(banner, Date.now()) || dismissed(banner.dataset.alertId);
}

function start(container) {
  const banners = [...container.querySelectorAll("[data-alert-id]")];
  for (const banner of banners) {
    const button = banner.querySelector("[data-dismiss]");
    button.hidden = false;
    button.addEventListener("click", () => {
      remember(banner.dataset.alertId);
      banner.hidden = true;
      // The button is gone: continue from the next alert still shown (the page's content put
      // it behind the keyboard), else from the page's content.
      const next = banners.slice(banners.indexOf(banner) + 1).find((other) => !other.hidden);
      const target = next ? next.querySelector("[data-dismiss]") : document.getElementById("main");
      if (target) target.focus();
    });
    update(banner);
  }
  // A page left open across the start or end of an alert.
  window.setInterval(() => banners.forEach(update), RECHECK_MS);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") banners.forEach(update);
  });
}

for (const container of document.querySelectorAll('[data-module="alert-banner"]')) start(container);
