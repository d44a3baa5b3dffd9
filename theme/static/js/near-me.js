// "Near me": sort the organizations of a list by distance, on the visitor's request only,
// from the browser's position or from a chosen municipality. Nothing leaves the device.

const EARTH_KM = 6371;

export function distanceKm(lat1, lon1, lat2, lon2) {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2
    + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(a));
}

function nearest(card, lat, lon) {
  // The distance to an organization's closest site; Infinity when it has none.
  const sites = (card.dataset.points || "").split(";").filter(Boolean).map((pair) => pair.split(",").map(Number));
  return Math.min(Infinity, ...sites.map(([a, b]) => distanceKm(lat, lon, a, b)));
}

let chosen = null;

// The position the visitor chose on this page, if any (lists drawn later sort by it too).
export function chosenPosition() {
  return chosen;
}

export function sortLists(lat, lon, lang) {
  chosen = { lat, lon };
  const format = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  document.querySelectorAll(".org-list").forEach((list) => {
    const cards = [...list.querySelectorAll(":scope > .org-card")];
    const measured = cards.map((card) => ({ card, km: nearest(card, lat, lon) }));
    // Temporarily closed ones (data-closed) stay after the active ones, nearest first among each.
    measured.sort((a, b) => ("closed" in a.card.dataset) - ("closed" in b.card.dataset) || a.km - b.km);
    for (const { card, km } of measured) {
      const label = card.querySelector("[data-distance]");
      if (Number.isFinite(km)) {
        label.textContent = `${format.format(km < 10 ? Math.round(km * 10) / 10 : Math.round(km))} km`;
        label.hidden = false;
      }
      list.append(card);
    }
  });
}

async function fillTowns(select, url, lang) {
  if (select.options.length > 1) return;
  const towns = await (await fetch(url)).json();
  const named = towns.map(([fr, en, lat, lon]) => [lang === "en" ? en : fr, lat, lon]);
  named.sort((a, b) => a[0].localeCompare(b[0], lang));
  for (const [name, lat, lon] of named) select.add(new Option(name, `${lat},${lon}`));
}

function start(box) {
  const lang = (document.documentElement.lang || "fr").slice(0, 2);
  const status = box.querySelector("[data-near-me-status]");
  const select = box.querySelector("[data-near-me-town]");
  const messages = JSON.parse(box.dataset.messages || "{}");
  box.querySelector("[data-near-me-locate]").addEventListener("click", () => {
    if (!navigator.geolocation) { status.textContent = messages.unavailable || ""; select.focus(); return; }
    status.textContent = messages.locating || "";
    navigator.geolocation.getCurrentPosition(
      (position) => {
        sortLists(position.coords.latitude, position.coords.longitude, lang);
        status.textContent = messages.sorted || "";
      },
      () => { status.textContent = messages.refused || ""; fillTowns(select, box.dataset.townsUrl, lang); select.focus(); },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });
  const prepare = () => fillTowns(select, box.dataset.townsUrl, lang).catch(() => {});
  select.addEventListener("focus", prepare);
  select.addEventListener("pointerdown", prepare);
  select.addEventListener("change", () => {
    if (!select.value) return;
    const [lat, lon] = select.value.split(",").map(Number);
    sortLists(lat, lon, lang);
    status.textContent = messages.sortedTown ? messages.sortedTown.replace("{town}", select.selectedOptions[0].text) : "";
  });
}

if (typeof document !== "undefined") document.querySelectorAll('[data-module="near-me"]').forEach(start);
