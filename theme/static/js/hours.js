// Opening hours in the browser: the live "open now / closes at / opens at" line.
// Same rules as plugins/directory/hours.py; tests/hours_cases.json checks both agree.

const DAYS = ["mo", "tu", "we", "th", "fr", "sa", "su"];
const HORIZON_DAYS = 14;
const ALWAYS_OPEN_DAYS = 7;
const DAY_MS = 86400000;
const MINUTE_MS = 60000;

export function minutes(hhmm) {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

const partsFormatters = new Map();
function wallParts(instant, tz) {
  // Local wall clock of an instant in a zone: {y, mo, d, h, mi}.
  if (!partsFormatters.has(tz)) {
    partsFormatters.set(tz, new Intl.DateTimeFormat("en-CA", {
      timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit",
    }));
  }
  const out = {};
  for (const part of partsFormatters.get(tz).formatToParts(new Date(instant))) out[part.type] = part.value;
  return { y: +out.year, mo: +out.month, d: +out.day, h: +out.hour % 24, mi: +out.minute };
}

function offsetMinutes(instant, tz) {
  // How far the zone's wall clock is ahead of UTC at an instant.
  const p = wallParts(instant, tz);
  return Math.round((Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi) - Math.floor(instant / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

function wall(dayUtc, minute, tz) {
  // The instant of a local wall time; dayUtc is the date as a UTC midnight timestamp.
  const t = dayUtc + minute * MINUTE_MS;
  const before = offsetMinutes(t - DAY_MS, tz);
  const after = offsetMinutes(t + DAY_MS, tz);
  const valid = [before, after].filter((o) => offsetMinutes(t - o * MINUTE_MS, tz) === o);
  if (valid.length === 0) return t - before * MINUTE_MS; // skipped by DST: offset before the change
  return Math.min(...valid.map((o) => t - o * MINUTE_MS)); // twice: first occurrence
}

function isoDate(dayUtc) {
  return new Date(dayUtc).toISOString().slice(0, 10);
}

function weekday(dayUtc) {
  return (new Date(dayUtc).getUTCDay() + 6) % 7; // Monday = 0
}

function intervalsOpeningOn(schedule, dayUtc) {
  const date = isoDate(dayUtc);
  for (const exception of schedule.exceptions || []) {
    if (exception.date === date) {
      return exception.closed ? [] : [[minutes(exception.opens), minutes(exception.closes)]];
    }
  }
  const code = DAYS[weekday(dayUtc)];
  return (schedule.hours || []).filter((i) => i.days.includes(code)).map((i) => [minutes(i.opens), minutes(i.closes)]);
}

function openPeriods(schedule, firstUtc, lastUtc, tz) {
  const periods = [];
  for (let day = firstUtc; day <= lastUtc; day += DAY_MS) {
    for (const [opens, closes] of intervalsOpeningOn(schedule, day)) {
      const end = closes > opens ? closes : closes + 1440;
      periods.push([wall(day, opens, tz), wall(day, end, tz)]);
    }
  }
  periods.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged = [];
  for (const [start, end] of periods) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function localIso(instant, tz) {
  const p = wallParts(instant, tz);
  const two = (n) => String(n).padStart(2, "0");
  return `${p.y}-${two(p.mo)}-${two(p.d)}T${two(p.h)}:${two(p.mi)}`;
}

function hasHours(schedule) {
  return (schedule.hours || []).length > 0 || (schedule.exceptions || []).some((e) => !e.closed);
}

export function statusAt(schedule, date, tz = "America/Toronto") {
  const status = { state: "unknown", always_open: false, closes_at: null, opens_at: null };
  if (schedule.open_24_7) return { ...status, state: "open", always_open: true };
  if (!hasHours(schedule)) return status;
  const when = date.getTime();
  const p = wallParts(when, tz);
  const today = Date.UTC(p.y, p.mo - 1, p.d);
  for (const [start, end] of openPeriods(schedule, today - DAY_MS, today + HORIZON_DAYS * DAY_MS, tz)) {
    if (start <= when && when < end) {
      if (end - start > ALWAYS_OPEN_DAYS * DAY_MS) return { ...status, state: "open", always_open: true };
      return { ...status, state: "open", closes_at: localIso(end, tz) };
    }
    if (start > when) {
      if (start - when <= HORIZON_DAYS * DAY_MS) return { ...status, state: "closed", opens_at: localIso(start, tz) };
      break;
    }
  }
  return { ...status, state: "closed" };
}

export function formatTime(hhmm, lang) {
  const total = minutes(hhmm);
  const hour = Math.floor(total / 60);
  const minute = total % 60;
  const mm = String(minute).padStart(2, "0");
  if (lang === "fr") return minute ? `${hour} h ${mm}` : `${hour} h`;
  const h24 = hour % 24;
  const suffix = h24 < 12 ? "a.m." : "p.m.";
  const shown = h24 % 12 || 12;
  return minute ? `${shown}:${mm} ${suffix}` : `${shown} ${suffix}`;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));
}

function when(labels, keys, moment, nowLocal, lang) {
  const date = Date.UTC(+moment.slice(0, 4), +moment.slice(5, 7) - 1, +moment.slice(8, 10));
  const now = Date.UTC(+nowLocal.slice(0, 4), +nowLocal.slice(5, 7) - 1, +nowLocal.slice(8, 10));
  const ahead = Math.round((date - now) / DAY_MS);
  const key = ahead <= 0 ? keys[0] : ahead === 1 ? keys[1] : ahead <= 6 ? keys[2] : keys[3];
  const d = new Date(date);
  const whenDate = fill(labels.date, { d: d.getUTCDate(), month: labels.months[d.getUTCMonth()] });
  return fill(labels[key], {
    time: formatTime(moment.slice(11, 16), lang), day: labels.days[DAYS[weekday(date)]], date: whenDate,
  });
}

export function describe(status, nowLocal, lang, labels) {
  if (status.state === "unknown") return labels.unknown;
  if (status.state === "open") {
    if (status.always_open || !status.closes_at) return labels.open_always;
    return when(labels, ["open_until", "open_until", "open_until_day", "open_until_day"], status.closes_at, nowLocal, lang);
  }
  if (!status.opens_at) return labels.closed;
  return when(labels, ["closed_opens_today", "closed_opens_tomorrow", "closed_opens_day", "closed_opens_date"],
    status.opens_at, nowLocal, lang);
}

function refresh(element) {
  const schedule = JSON.parse(element.dataset.schedule);
  const labels = JSON.parse(element.dataset.labels);
  const tz = element.dataset.tz || "America/Toronto";
  const lang = (document.documentElement.lang || "fr").slice(0, 2);
  const now = new Date();
  const status = statusAt(schedule, now, tz);
  element.textContent = describe(status, localIso(now.getTime(), tz), lang, labels);
  element.dataset.state = status.state;
  element.hidden = false;
}

if (typeof document !== "undefined") {
  const lines = document.querySelectorAll('[data-module="open-now"]');
  const update = () => lines.forEach(refresh);
  update();
  if (lines.length) setInterval(update, 60000);
}
