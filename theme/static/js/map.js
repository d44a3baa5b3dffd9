// Maps drawn on request with self-hosted Leaflet: nothing is loaded until the visitor
// opens a map. The set-up (tiles, options) comes from the build (Folium); pages carry
// only coordinates. Without tiles (offline, server down) the markers stay on a plain
// background and a notice says so.

const TILE_TIMEOUT_MS = 6000;
const loading = new Map();

function load(url, kind) {
  // One <script> or <link rel=stylesheet> per URL, shared by every map of the page.
  if (!loading.has(url)) {
    loading.set(url, new Promise((resolve, reject) => {
      const element = document.createElement(kind === "css" ? "link" : "script");
      if (kind === "css") { element.rel = "stylesheet"; element.href = url; } else { element.src = url; }
      element.onload = resolve;
      element.onerror = () => { element.remove(); reject(new Error(`could not load ${url}`)); };
      document.head.append(element);
    }));
    loading.get(url).catch(() => loading.delete(url)); // asked again when the visitor retries
  }
  return loading.get(url);
}

async function points(block) {
  if (block.dataset.points) return JSON.parse(block.dataset.points);
  const response = await fetch(block.dataset.pointsUrl);
  if (!response.ok) throw new Error(`map data: HTTP ${response.status}`);
  return response.json();
}

function popup(point, root) {
  const [, , name, url, place, nameLang] = point;
  const box = document.createElement("div");
  const link = document.createElement("a");
  link.href = new URL(root + url, window.location.href).href;
  link.textContent = name;
  if (nameLang) link.lang = nameLang;
  box.append(link);
  if (place) {
    const where = document.createElement("div");
    where.textContent = place;
    box.append(where);
  }
  return box;
}

// A group of markers as Leaflet.markercluster draws it, named for a screen reader ("2 places
// here: show them") rather than by its bare count.
function clusterIcon(L, group, block) {
  const count = group.getChildCount();
  const shown = document.createElement("span");
  shown.textContent = count;
  shown.setAttribute("aria-hidden", "true");
  const said = document.createElement("span");
  said.className = "visually-hidden";
  said.textContent = (block.dataset.clusterLabel || "{count}").replace("{count}", count);
  const html = document.createElement("div");
  html.append(shown, said);
  const size = count < 10 ? "small" : count < 100 ? "medium" : "large"; // the library's own sizes
  return L.divIcon({ html, className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40) });
}

// Leaflet's own words are English: its controls say the page's language instead (a screen
// reader read "Zoom in" and "Close popup" on a French page).
function speakThePagesLanguage(L, map, setup, texts) {
  if (setup.mapOptions.zoomControl !== false) {
    L.control.zoom({ zoomInTitle: texts.zoom_in, zoomOutTitle: texts.zoom_out }).addTo(map);
  }
  // Its credit, without its English title (nor a link: the pages link nowhere unasked).
  if (map.attributionControl) map.attributionControl.setPrefix("Leaflet");
  map.on("popupopen", (event) => {
    const close = event.popup.getElement()?.querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", texts.close);
  });
}

// A popup opened with the keyboard (Enter on its marker) takes the focus, on its link: the
// focus stayed on the marker, and the link came after every other marker. Escape closes it,
// back to its marker. Opened by a tap or a click, the focus is left where it is.
function keyboardPopup(marker, popup) {
  const icon = marker.getElement();
  const element = popup.getElement();
  if (!icon || !element || document.activeElement !== icon) return;
  if (!element.dataset.keyboard) {
    element.dataset.keyboard = "";
    element.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      marker.closePopup();
      icon.focus();
    });
  }
  element.querySelector(".leaflet-popup-content a")?.focus();
}

async function draw(block) {
  const setup = JSON.parse(block.dataset.setup);
  const vendor = block.dataset.vendor;
  const canvas = block.querySelector("[data-map-canvas]");
  const notice = block.querySelector("[data-map-notice]");
  const list = await points(block);
  const cluster = list.length >= setup.clusterFrom;
  await Promise.all([load(vendor + setup.assets.leaflet_css, "css"), load(vendor + setup.assets.leaflet, "js")]);
  if (cluster) {
    await Promise.all([
      load(vendor + setup.assets.markerclustercss, "css"),
      load(vendor + setup.assets.markerclusterdefaultcss, "css"),
      load(vendor + setup.assets.markerclusterjs, "js"),
    ]);
  }
  const L = window.L;
  canvas.hidden = false;
  const map = L.map(canvas, { ...setup.mapOptions, zoomControl: false });
  // Leaflet makes it a stop of the keyboard (its arrows move it) with no name: a screen reader
  // read its credits out. It is named as its block is ("Carte").
  canvas.setAttribute("role", "group");
  canvas.setAttribute("aria-labelledby", block.getAttribute("aria-labelledby"));
  speakThePagesLanguage(L, map, setup, JSON.parse(block.dataset.texts));
  const tiles = L.tileLayer(setup.tiles, setup.tileOptions);
  let tileShown = false;
  const noTiles = () => { if (!tileShown) { notice.hidden = false; block.classList.add("map-block--no-tiles"); } };
  tiles.on("tileload", () => { tileShown = true; notice.hidden = true; block.classList.remove("map-block--no-tiles"); });
  tiles.on("tileerror", noTiles);
  if (navigator.onLine === false) noTiles();
  setTimeout(noTiles, TILE_TIMEOUT_MS);
  tiles.addTo(map);
  const layer = cluster
    ? L.markerClusterGroup({ ...setup.clusterOptions, iconCreateFunction: (group) => clusterIcon(L, group, block) })
    : L.featureGroup();
  for (const point of list) {
    // Named with its place: the sites of one organization are as many buttons, told apart.
    const label = point[4] ? `${point[2]} – ${point[4]}` : point[2];
    const marker = L.marker([point[0], point[1]], { title: label, alt: label, keyboard: true });
    marker.bindPopup(popup(point, block.dataset.root));
    marker.on("popupopen", (event) => keyboardPopup(marker, event.popup));
    layer.addLayer(marker);
  }
  layer.addTo(map);
  const bounds = L.latLngBounds(list.map((p) => [p[0], p[1]]));
  // A marker stands 41 px above its point and 12 px either side: clear of the zoom buttons
  // (top left), a marker put under them could not be tapped (axe target-size).
  map.fitBounds(bounds, { maxZoom: 15, paddingTopLeft: [60, 64], paddingBottomRight: [32, 32] });
  block.dataset.state = "drawn";
}

// The button is not disabled while the map loads, nor hidden before the focus has moved:
// either dropped the keyboard's focus to the top of the page. Once drawn, the focus is on the
// map (its markers next); if it fails, on the notice that says why.
function start(block) {
  const button = block.querySelector("[data-map-open]");
  let busy = false;
  button.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    button.setAttribute("aria-disabled", "true");
    try {
      await draw(block);
      block.querySelector("[data-map-canvas]").focus(); // Leaflet makes it focusable (keyboard)
      button.hidden = true;
    } catch (error) { // its points or Leaflet out of reach: not a matter of tiles
      block.dataset.state = "failed";
      block.querySelector("[data-map-notice]").hidden = true;
      const failed = block.querySelector("[data-map-failed]");
      failed.hidden = false;
      failed.tabIndex = -1;
      failed.focus();
      console.warn(error);
    } finally {
      busy = false;
      button.removeAttribute("aria-disabled");
    }
  });
}

document.querySelectorAll('[data-module="map"]').forEach(start);
