// Filters of the statistics page: redraw every chart and table for the chosen territory,
// period, gender, age group and language. The page works without this module (the charts
// drawn at build show everything); the data comes from the JSON file the build writes,
// fetched once when the page opens, so filtering keeps working offline.

import { byCategory, needsPerMonth, profileBy, profileFiltered } from "./stats-data.js";
import { drawBars, drawLine } from "./stats-charts.js";
import { fill } from "./text.js";

const FIELDS = ["territory", "from", "to", "gender", "age_group", "language"];
const PROFILE_FIGURES = ["territory", "language", "gender", "age_group"];

function cell(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  node.textContent = text;
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

function tableRows(section, rows) {
  section.querySelector("tbody[data-rows]").replaceChildren(...rows.map((cells) => {
    const tr = document.createElement("tr");
    tr.append(cell("th", cells[0], { scope: "row" }), ...cells.slice(1).map((text) => cell("td", text)));
    return tr;
  }));
}

function tableTotals(section, cells) {
  const tds = section.querySelectorAll("tfoot td");
  cells.forEach((text, i) => { if (tds[i]) tds[i].textContent = text; });
}

class StatsFilters {
  constructor(root, data, labels) {
    this.root = root;
    this.data = data;
    this.labels = labels;
    this.form = root.querySelector("form");
    this.status = root.querySelector("[data-status]");
    const locale = labels.locale || labels.lang;
    this.number = new Intl.NumberFormat(locale).format;
    this.percent = new Intl.NumberFormat(locale, { style: "percent" }).format;
    this.figures = {};
    for (const section of document.querySelectorAll("[data-figure]")) this.figures[section.dataset.figure] = section;
  }

  start() {
    const query = new URLSearchParams(window.location.search);
    for (const name of FIELDS) {
      const select = this.form.elements[name];
      const wanted = query.get(name);
      if (wanted && [...select.options].some((option) => option.value === wanted)) select.value = wanted;
    }
    this.form.addEventListener("change", (event) => this.changed(event.target.name));
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("reset", () => window.setTimeout(() => this.changed(null), 0));
    this.root.querySelector("[data-controls]").disabled = false;
    this.root.dataset.ready = "";
    this.changed(null, query.toString() !== "");
  }

  filters() {
    const value = (name) => this.form.elements[name].value || null;
    return {
      territory: value("territory"), start: value("from"), end: value("to"),
      gender: value("gender"), age_group: value("age_group"), language: value("language"),
    };
  }

  // Keeps the period in order (the other end follows), redraws, and remembers the choice in the address.
  changed(name, redraw = true) {
    const from = this.form.elements.from, to = this.form.elements.to;
    if (from.value > to.value) {
      if (name === "to") from.value = to.value; else to.value = from.value;
    }
    const filters = this.filters();
    const query = new URLSearchParams();
    for (const field of FIELDS) {
      const select = this.form.elements[field];
      if (select.value && select.value !== select.options[field === "to" ? select.options.length - 1 : 0].value) {
        query.set(field, select.value);
      }
    }
    const address = window.location.pathname + (query.toString() ? `?${query}` : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", address);
    if (redraw || name !== null) this.draw(filters);
    else this.describe(filters, needsPerMonth(this.data, filters));
  }

  month(month, form) {
    return this.labels.months[month][form === "short" ? 0 : 1];
  }

  period(filters) {
    const months = this.data.months;
    return fill(this.labels.texts.period, {
      start: this.month(filters.start || months[0]), end: this.month(filters.end || months[months.length - 1]),
    });
  }

  draw(filters) {
    const needs = needsPerMonth(this.data, filters);
    this.drawNeeds(filters, needs);
    this.drawCategories(filters);
    for (const dimension of PROFILE_FIGURES) this.drawProfile(filters, dimension);
    this.describe(filters, needs);
  }

  drawNeeds(filters, rows) {
    const section = this.figures.needs;
    const { texts } = this.labels;
    const total = rows.reduce((sum, row) => sum + row[1], 0);
    let low = rows[0], high = rows[0];
    for (const row of rows) {
      if (row[1] < low[1]) low = row;
      if (row[1] > high[1]) high = row;
    }
    drawLine(section.querySelector("svg.chart"), rows, {
      title: fill(texts.needs_title, { period: this.period(filters) }),
      desc: total === 0 ? texts.empty : fill(texts.needs_desc, {
        low: this.number(low[1]), low_month: this.month(low[0]), high: this.number(high[1]),
        high_month: this.month(high[0]), total: this.number(total),
      }),
      number: this.number,
      monthShort: (month) => this.month(month, "short"),
      point: (month, value) => fill(texts.point, { month: this.month(month), value: this.number(value) }),
    });
    const badge = section.querySelector("[data-badge]");
    const demo = profileFiltered(filters);
    badge.textContent = demo ? texts.demo : texts.published;
    badge.className = `stats-badge stats-badge--${demo ? "demo" : "published"}`;
    tableRows(section, rows.map(([month, value]) => [this.month(month), this.number(value)]));
    tableTotals(section, [this.number(total)]);
  }

  drawCategories(filters) {
    const section = this.figures.categories;
    const { texts, names } = this.labels;
    const rows = byCategory(this.data, filters);
    const total = rows.reduce((sum, r) => sum + r[1] + r[2], 0);
    const unmet = rows.reduce((sum, r) => sum + r[2], 0);
    const share = (part, whole) => this.percent(whole ? part / whole : 0);
    const first = rows[0];
    drawBars(
      section.querySelector("svg.chart"),
      rows.map((r) => [r[1], r[2]]),
      rows.map((r) => names.category[r[0]]),
      rows.map((r) => `${this.number(r[1] + r[2])} (${share(r[2], r[1] + r[2])})`),
      fill(texts.categories_title, { period: this.period(filters) }),
      total === 0 ? texts.empty : fill(texts.categories_desc, {
        first: names.category[first[0]], value: this.number(first[1] + first[2]), share: share(first[2], first[1] + first[2]),
        total: this.number(total), unmet: this.number(unmet),
      }),
    );
    tableRows(section, rows.map((r) => [names.category[r[0]], this.number(r[1] + r[2]), this.number(r[1]), this.number(r[2]), share(r[2], r[1] + r[2])]));
    tableTotals(section, [this.number(total), this.number(total - unmet), this.number(unmet), share(unmet, total)]);
  }

  drawProfile(filters, dimension) {
    const section = this.figures[dimension];
    const { texts, names, headings } = this.labels;
    const rows = profileBy(this.data, filters, dimension);
    const total = rows.reduce((sum, r) => sum + r[1], 0);
    const share = (part) => this.percent(total ? part / total : 0);
    let top = rows[0];
    for (const row of rows) if (row[1] > top[1]) top = row;
    drawBars(
      section.querySelector("svg.chart"),
      rows.map((r) => [r[1]]),
      rows.map((r) => names[dimension][r[0]]),
      rows.map((r) => `${this.number(r[1])} (${share(r[1])})`),
      fill(texts.profile_title, { chart: headings[dimension], period: this.period(filters) }),
      total === 0 ? texts.empty : fill(texts.profile_desc, {
        first: names[dimension][top[0]], value: this.number(top[1]), share: share(top[1]), total: this.number(total),
      }),
    );
    tableRows(section, rows.map((r) => [names[dimension][r[0]], this.number(r[1]), share(r[1])]));
    tableTotals(section, [this.number(total), share(total)]);
  }

  describe(filters, needs) {
    const { texts, names } = this.labels;
    const total = needs.reduce((sum, row) => sum + row[1], 0);
    const chosen = [];
    if (filters.territory) chosen.push(names.territory[filters.territory]);
    for (const dimension of ["gender", "age_group", "language"]) {
      if (filters[dimension]) chosen.push(names[dimension][filters[dimension]]);
    }
    let message = fill(texts.status, { total: this.number(total), period: this.period(filters) });
    if (chosen.length) message += " " + fill(texts.status_filters, { filters: chosen.join(", ") });
    this.status.textContent = message;
  }
}

async function start(root) {
  try {
    const labels = JSON.parse(root.dataset.labels);
    const response = await fetch(new URL(root.dataset.src, document.baseURI));
    if (!response.ok) throw new Error(`${response.status} ${response.url}`);
    new StatsFilters(root, await response.json(), labels).start();
  } catch (error) {
    // The charts drawn at build stay: everything is still readable, only filtering is missing.
    root.hidden = true;
    console.warn("Statistics filters unavailable:", error);
  }
}

const root = document.querySelector('[data-module="stats-filters"]');
if (root) start(root);
