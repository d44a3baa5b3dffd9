// "Near me": sort the organizations of a list by distance, on the visitor's request only,
// from the browser's position or from a chosen municipality. Nothing leaves the device.

const EARTH_KM = 6371;

export function distanceKm(lat1, lon1, lat2, lon2) {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2
    + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(a));
}

// The distance to the nearest of some places given as [latitude, longitude, latitude, ...]
// (the search's points file, a card's data-points); Infinity when there are none.
export function kmToNearest(degrees, lat, lon) {
  let km = Infinity;
  for (let i = 0; i + 1 < degrees.length; i += 2) km = Math.min(km, distanceKm(lat, lon, degrees[i], degrees[i + 1]));
  return km;
}

function nearest(card, lat, lon) {
  return kmToNearest((card.dataset.points || "").split(/[;,]/).filter(Boolean).map(Number), lat, lon);
}

let chosen = null;

// The position the visitor chose on this page, if any (lists drawn later sort by it too).
export function chosenPosition() {
  return chosen;
}

// The visitor chose a position: said to the page (search.js puts all its results in order).
function chosenByVisitor(lat, lon, lang) {
  sortLists(lat, lon, lang);
  document.dispatchEvent(new CustomEvent("near-me:chosen"));
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

// The municipalities, added to the list once: a tap fires "pointerdown" and "focus", each asked
// for them, and both added them all before either had them (every town twice). A failed fetch
// is forgotten, to be tried again.
const filling = new WeakMap();

function fillTowns(select, url, lang) {
  if (!filling.has(select)) {
    const filled = (async () => {
      if (select.options.length > 1) return;
      const towns = await (await fetch(url)).json();
      const named = towns.map(([fr, en, lat, lon]) => [lang === "en" ? en : fr, lat, lon]);
      named.sort((a, b) => a[0].localeCompare(b[0], lang));
      for (const [name, lat, lon] of named) select.add(new Option(name, `${lat},${lon}`));
    })();
    filling.set(select, filled);
    filled.catch(() => filling.delete(select));
  }
  return filling.get(select);
}

// The position a list's "see all" link carries in its fragment, which no request sends:
// "#near=lat,lon", the device's (to about a kilometre), or "#near=lat,lon,town", a
// municipality's, chosen again in the list of municipalities (no text of an address is
// shown: a link could say anything). Null when there is none, or it is not one.
function linkedPosition() {
  const found = /^#near=(-?[0-9]{1,3}(?:\.[0-9]+)?),(-?[0-9]{1,3}(?:\.[0-9]+)?)(,town)?$/.exec(window.location.hash);
  if (!found) return null;
  const [lat, lon] = [Number(found[1]), Number(found[2])];
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon, town: Boolean(found[3]) } : null;
}

function start(box) {
  const lang = (document.documentElement.lang || "fr").slice(0, 2);
  const status = box.querySelector("[data-near-me-status]");
  const select = box.querySelector("[data-near-me-town]");
  const whole = box.querySelector("[data-near-me-whole]");
  const messages = JSON.parse(box.dataset.messages || "{}");
  const said = (town) => (town && messages.sortedTown ? messages.sortedTown.replace("{town}", () => town) : messages.sorted || "");
  // Chosen here: this page's list sorted; one of several pages says so, and links to all of
  // them in order of distance (the search, the position in the link's fragment).
  const chose = (lat, lon, town) => {
    chosenByVisitor(lat, lon, lang);
    status.textContent = whole ? `${said(town)} ${messages.pageOnly || ""}` : said(town);
    if (whole) {
      const link = whole.querySelector("a");
      const target = new URL(link.href);
      target.hash = town ? `near=${lat},${lon},town` : `near=${lat.toFixed(2)},${lon.toFixed(2)}`;
      link.href = target.href;
      whole.hidden = false;
    }
  };
  const linked = linkedPosition();
  if (linked) { // come from such a link: sorted at once (the search puts all its results in order)
    sortLists(linked.lat, linked.lon, lang);
    status.textContent = said("");
    if (linked.town) { // chosen in the list of municipalities, as if here
      fillTowns(select, box.dataset.townsUrl, lang).then(() => {
        if (chosen?.lat !== linked.lat || chosen?.lon !== linked.lon) return; // another chosen since
        select.value = `${linked.lat},${linked.lon}`;
        if (select.value) status.textContent = said(select.selectedOptions[0].text);
      }).catch(() => {});
    }
  }
  box.querySelector("[data-near-me-locate]").addEventListener("click", () => {
    if (!navigator.geolocation) { status.textContent = messages.unavailable || ""; select.focus(); return; }
    status.textContent = messages.locating || "";
    navigator.geolocation.getCurrentPosition(
      (position) => chose(position.coords.latitude, position.coords.longitude, ""),
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
    chose(lat, lon, select.selectedOptions[0].text);
  });
}

if (typeof document !== "undefined") document.querySelectorAll('[data-module="near-me"]').forEach(start);
