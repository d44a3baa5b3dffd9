// Chart geometry and SVG drawing in the browser: the same numbers as plugins/stats/charts.py
// (same operations, same order) and the same elements as partials/stats_charts.html.

const SVG = "http://www.w3.org/2000/svg";
export const LINE = { width: 640, height: 300, left: 64, right: 40, top: 16, bottom: 44 };
export const BARS = { width: 400, row: 44, label: 16, bar_y: 22, bar_height: 14, top: 2, bottom: 2 };
const Y_TICKS = 6;
const X_LABELS = 7;
const MONTH_STEPS = [1, 2, 3, 4, 6, 12];

export function round1(value) {
  return Math.floor(value * 10 + 0.5) / 10;
}

export function fmt(value) {
  return String(round1(value));
}

export function niceScale(maximum, target = Y_TICKS) {
  if (maximum <= 0) return [1, 1];
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const factor of [1, 2, 5]) {
      const step = factor * magnitude;
      if (step * target >= maximum) return [Math.ceil(maximum / step) * step, step];
    }
  }
}

export function labelStep(months) {
  for (const step of MONTH_STEPS) if (Math.ceil(months.length / step) <= X_LABELS) return step;
  return MONTH_STEPS[MONTH_STEPS.length - 1];
}

export function lineChart(months, values, box = LINE) {
  const [topValue, step] = niceScale(Math.max(0, ...values));
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const n = values.length;
  const xOf = (i) => round1(box.left + (n > 1 ? i * plotW / (n - 1) : plotW / 2));
  const yOf = (value) => round1(box.top + plotH - value * plotH / topValue);
  const ticks = [];
  for (let value = 0; value <= topValue; value += step) ticks.push([value, yOf(value)]);
  const points = values.map((v, i) => [xOf(i), yOf(v), i]);
  const every = labelStep(months);
  const xLabels = [];
  months.forEach((month, i) => {
    if ((Number(month.slice(5)) - 1) % every === 0) xLabels.push([xOf(i), i]);
  });
  return { ...box, yMax: topValue, ticks, points, xLabels };
}

export function barChart(rows, box = BARS) {
  const maximum = Math.max(0, ...rows.map((parts) => parts.reduce((a, b) => a + b, 0))) || 1;
  const out = rows.map((parts, i) => {
    const top = box.top + i * box.row;
    const segments = [];
    let total = 0;
    let x = 0;
    for (const part of parts) {
      total += part;
      const end = round1(total * box.width / maximum);
      segments.push([x, round1(end - x)]);
      x = end;
    }
    return { index: i, labelY: top + box.label, barY: top + box.bar_y, segments };
  });
  return { width: box.width, height: box.top + rows.length * box.row + box.bottom, barHeight: box.bar_height, maximum, rows: out };
}

function el(name, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

function setTexts(svg, title, desc) {
  svg.querySelector("title").textContent = title;
  svg.querySelector("desc").textContent = desc;
}

// Redraws a line chart; rows are [[month, value]], text gives the words (number, monthShort, point).
export function drawLine(svg, rows, text) {
  const chart = lineChart(rows.map((r) => r[0]), rows.map((r) => r[1]));
  setTexts(svg, text.title, text.desc);
  svg.dataset.yMax = chart.yMax;
  const grid = svg.querySelector(".chart__grid");
  grid.replaceChildren();
  for (const [value, y] of chart.ticks) {
    grid.append(el("line", { x1: chart.left, x2: chart.width - chart.right, y1: fmt(y), y2: fmt(y) }));
    grid.append(el("text", { x: chart.left - 8, y: fmt(y), dy: "0.35em", "text-anchor": "end", "data-value": value }, text.number(value)));
  }
  const axis = svg.querySelector(".chart__x");
  axis.replaceChildren(...chart.xLabels.map(([x, i]) =>
    el("text", { x: fmt(x), y: chart.height - chart.bottom + 24, "text-anchor": "middle" }, text.monthShort(rows[i][0]))));
  svg.querySelector(".chart__line").setAttribute("points", chart.points.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join(" "));
  const points = svg.querySelector(".chart__points");
  points.replaceChildren(...chart.points.map(([x, y, i]) => {
    const circle = el("circle", { cx: fmt(x), cy: fmt(y), r: 3, "data-month": rows[i][0], "data-value": rows[i][1] });
    circle.append(el("title", {}, text.point(rows[i][0], rows[i][1])));
    return circle;
  }));
}

// Redraws a bar chart; parts are the stacked values of each row, labels and values its words.
export function drawBars(svg, parts, labels, values, title, desc) {
  const chart = barChart(parts);
  setTexts(svg, title, desc);
  svg.setAttribute("viewBox", `0 0 ${chart.width} ${chart.height}`);
  svg.dataset.max = chart.maximum;
  for (const old of svg.querySelectorAll(".chart__row")) old.remove();
  for (const row of chart.rows) {
    const group = el("g", { class: "chart__row" });
    group.append(el("text", { class: "chart__label", x: 0, y: row.labelY }, labels[row.index]));
    group.append(el("text", { class: "chart__value", x: chart.width, y: row.labelY, "text-anchor": "end" }, values[row.index]));
    row.segments.forEach(([x, width], k) => {
      group.append(el("rect", { class: `chart__bar chart__bar--${k + 1}`, x: fmt(x), y: row.barY, width: fmt(width), height: chart.barHeight }));
    });
    svg.append(group);
  }
}
