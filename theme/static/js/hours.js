// Opening hours in the browser: the live "open now / closes at / opens at" line.
// Same rules as plugins/repertoire/hours.py (its docstring states them); the shared table
// tests/hours_cases.json checks that both give the same answers. Change one, change the other.
// Wall-clock conversion uses Intl.DateTimeFormat with the zone; no library.

import { fill } from "./text.js";

const DAYS = ["mo", "tu", "we", "th", "fr", "sa", "su"];
// Look this far ahead for the next opening; beyond, "closed" with no date.
const HORIZON_DAYS = 14;
// An open period still running this far ahead is "always open".
const ALWAYS_OPEN_DAYS = 7;
const DAY_MS = 86400000;
const MINUTE_MS = 60000;
const REFRESH_MS = 60000;

export function minutes(hhmm) {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

// A zone's clock as the page gives it (data-tz-offsets: the build's rules, hours.py
// zone_offsets): [[instant, minutes ahead of UTC], ..., [end, null]]. Read instead of Intl,
// whose first use in a page costs tens of milliseconds; Intl still answers outside it.
const givenOffsets = new Map();

export function useOffsets(tz, table) {
  if (Array.isArray(table) && table.length > 1) givenOffsets.set(tz, table);
}

function givenOffset(instant, tz) {
  const table = givenOffsets.get(tz);
  if (!table || instant < table[0][0] || instant >= table[table.length - 1][0]) return undefined;
  let low = 0;
  let high = table.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (table[mid][0] <= instant) low = mid; else high = mid - 1;
  }
  return table[low][1];
}

const formatters = new Map();
function wallParts(instant, tz) {
  // Local wall clock of an instant in a zone: {y, mo, d, h, mi}.
  const given = givenOffset(instant, tz);
  if (given !== undefined) {
    const wall = new Date(Math.floor(instant / MINUTE_MS) * MINUTE_MS + given * MINUTE_MS);
    return { y: wall.getUTCFullYear(), mo: wall.getUTCMonth() + 1, d: wall.getUTCDate(), h: wall.getUTCHours(),
      mi: wall.getUTCMinutes() };
  }
  if (!formatters.has(tz)) {
    formatters.set(tz, new Intl.DateTimeFormat("en-CA", {
      timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit",
    }));
  }
  const out = {};
  for (const part of formatters.get(tz).formatToParts(new Date(instant))) out[part.type] = part.value;
  // Some engines print midnight as "24".
  return { y: +out.year, mo: +out.month, d: +out.day, h: +out.hour % 24, mi: +out.minute };
}

function readOffset(instant, tz) {
  // How far the zone's wall clock is ahead of UTC at an instant, as Intl tells it.
  const p = wallParts(instant, tz);
  return Math.round((Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi) - Math.floor(instant / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

// A zone changes its clock at most once in a day: read at both ends of a UTC day, its offset
// holds all day when they agree. Intl is slow, and a list of places converts hundreds of
// wall times (two weeks of opening hours each).
const dayOffsets = new Map();

function offsetMinutes(instant, tz) {
  // How far the zone's wall clock is ahead of UTC at an instant.
  const day = Math.floor(instant / DAY_MS) * DAY_MS;
  const key = `${tz} ${day}`;
  if (!dayOffsets.has(key)) {
    if (dayOffsets.size > 1000) dayOffsets.clear();
    const first = readOffset(day, tz);
    dayOffsets.set(key, first === readOffset(day + DAY_MS - MINUTE_MS, tz) ? first : null);
  }
  return dayOffsets.get(key) ?? readOffset(instant, tz);
}

function wallMs(instant, tz) {
  // The wall clock of an instant, as if it were UTC (comparable with Date.UTC of a wall time).
  return Math.floor(instant / MINUTE_MS) * MINUTE_MS + offsetMinutes(instant, tz) * MINUTE_MS;
}

function wall(dayUtc, minute, tz) {
  // The instant of a local wall time; dayUtc is the date as a UTC midnight timestamp,
  // minute may run past 1440 into the next day.
  const t = dayUtc + minute * MINUTE_MS;
  const readings = [offsetMinutes(t - DAY_MS, tz), offsetMinutes(t + DAY_MS, tz)].map((o) => t - o * MINUTE_MS);
  const valid = readings.filter((x) => wallMs(x, tz) === t);
  if (valid.length) return Math.min(...valid); // twice (fall back): the first occurrence
  // Skipped by DST: the two readings straddle the change; the first instant after the gap.
  let lo = Math.min(...readings);
  let hi = Math.max(...readings);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / MINUTE_MS / 2) * MINUTE_MS;
    if (wallMs(mid, tz) >= t) hi = mid;
    else lo = mid;
  }
  return hi;
}

function isoDate(dayUtc) {
  return new Date(dayUtc).toISOString().slice(0, 10);
}

function weekday(dayUtc) {
  return (new Date(dayUtc).getUTCDay() + 6) % 7; // Monday = 0
}

function dateUtc(iso) {
  // 'YYYY-MM-DD...' as a UTC midnight timestamp.
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
}

// Whether a place opens on each day of the week, or round the clock: its hours stand on a
// public holiday (hours.py open_every_day).
function openEveryDay(schedule) {
  const days = new Set((schedule.hours || []).flatMap((i) => i.days));
  return Boolean(schedule.open_24_7) || DAYS.every((day) => days.has(day));
}

// Whether a place's hours on a date are not known: a public holiday on a weekday it opens,
// that it declares no exception for, when it does not open every day (hours.py unsure_on).
function unsureOn(schedule, date, holidays) {
  const code = DAYS[weekday(dateUtc(date))];
  return holidays.includes(date) && !(schedule.exceptions || []).some((e) => e.date === date) && !openEveryDay(schedule)
    && (schedule.hours || []).some((i) => i.days.includes(code));
}

function intervalsOpeningOn(schedule, dayUtc, holidays) {
  // [opens, closes] minutes of the intervals that open on a date, after exceptions (none on
  // a public holiday of unsure hours).
  const date = isoDate(dayUtc);
  // Several: the day's special hours in parts (9:00-12:00 and 13:00-15:00).
  const said = (schedule.exceptions || []).filter((exception) => exception.date === date);
  if (said.length) return said.some((e) => e.closed) ? [] : said.map((e) => [minutes(e.opens), minutes(e.closes)]);
  if (holidays.length && unsureOn(schedule, date, holidays)) return [];
  if (schedule.open_24_7) return [[0, 1440]];
  const code = DAYS[weekday(dayUtc)];
  return (schedule.hours || []).filter((i) => i.days.includes(code)).map((i) => [minutes(i.opens), minutes(i.closes)]);
}

function openPeriods(schedule, firstUtc, lastUtc, tz, holidays) {
  // Merged [start, end) instants of the intervals opening between two dates.
  const periods = [];
  for (let day = firstUtc; day <= lastUtc; day += DAY_MS) {
    for (const [opens, closes] of intervalsOpeningOn(schedule, day, holidays)) {
      // closes <= opens: runs into the next day (equal: 24 hours).
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

export function localIso(instant, tz) {
  const p = wallParts(instant, tz);
  const two = (n) => String(n).padStart(2, "0");
  return `${p.y}-${two(p.mo)}-${two(p.d)}T${two(p.h)}:${two(p.mi)}`;
}

// tz: the site's TIMEZONE, which pages give in data-tz (no zone is assumed here); holidays:
// the public holidays' dates, "YYYY-MM-DD" (data-holidays).
export function statusAt(schedule, date, tz, holidays = []) {
  const status = { state: "unknown", always_open: false, closes_at: null, opens_at: null };
  if (!schedule.open_24_7 && !(schedule.hours || []).length) return status;
  const when = date.getTime();
  const p = wallParts(when, tz);
  const today = Date.UTC(p.y, p.mo - 1, p.d);
  // From yesterday (an overnight interval still running) to one day past the horizon.
  const [first, last] = [today - DAY_MS, today + (HORIZON_DAYS + 1) * DAY_MS];
  const periods = openPeriods(schedule, first, last, tz, holidays); // the hours it is sure of
  for (const [start, end] of periods) {
    if (start <= when && when < end) {
      if (end - when > ALWAYS_OPEN_DAYS * DAY_MS) return { ...status, state: "open", always_open: true };
      return { ...status, state: "open", closes_at: localIso(end, tz) };
    }
  }
  const next = (some) => (some.find(([start]) => when < start && start <= when + HORIZON_DAYS * DAY_MS) || [null])[0];
  const opens = next(periods);
  if (holidays.length) {
    // Its regular hours of a public holiday it is unsure of: running, or its next opening (hours.py).
    const regular = openPeriods(schedule, first, last, tz, []);
    if (regular.some(([start, end]) => start <= when && when < end)) return { ...status, state: "holiday" };
    const sooner = next(regular);
    if (sooner !== null && (opens === null || sooner < opens)) return { ...status, state: "holiday_next" };
  }
  return { ...status, state: "closed", opens_at: opens === null ? null : localIso(opens, tz) };
}

// The status of an organization of several places (its top line, its card, the "open now"
// filter): open when any place is, until the latest of those open close; else opening at the
// soonest sure opening. Its first place alone said "closed, opens tomorrow" while another was
// open. A holiday's unsure opening comes after a sure one (a shelter opening at 22 h tonight).
function rank(status) {
  if (status.state === "open") return 0;
  if (status.state === "holiday") return 1;
  if (status.state === "closed" && status.opens_at) return 2;
  if (status.state === "holiday_next") return 3;
  return status.state === "closed" ? 4 : 5;
}

// When the places differ, it names the one it speaks of (its schedule's "place"): "open" alone
// sent a person to whichever place was nearest.
export function statusOfAny(schedules, date, tz, holidays = []) {
  const all = schedules.map((schedule) => statusAt(schedule, date, tz, holidays));
  if (!all.length) return statusAt({}, date, tz, holidays);
  const best = Math.min(...all.map(rank));
  const tied = all.filter((status) => rank(status) === best);
  let chosen = tied[0];
  if (best === 0) chosen = tied.find((status) => status.always_open || !status.closes_at) || tied.reduce((a, b) => (b.closes_at > a.closes_at ? b : a));
  if (best === 2) chosen = tied.reduce((a, b) => (b.opens_at < a.opens_at ? b : a));
  const same = (status) => ["state", "always_open", "closes_at", "opens_at"].every((key) => status[key] === chosen[key]);
  const { place } = schedules[all.indexOf(chosen)];
  return place && !all.every(same) ? { ...chosen, place } : chosen;
}

// The regular week, Monday first, intervals that overlap as one (hours.py week_rows).
export function weekRows(schedule) {
  return DAYS.map((day) => ({
    day,
    intervals: joined((schedule.hours || []).filter((i) => i.days.includes(day))
      .map((i) => ({ opens: i.opens, closes: i.closes, overnight: minutes(i.closes) <= minutes(i.opens) }))
      .sort((a, b) => minutes(a.opens) - minutes(b.opens) || minutes(a.closes) - minutes(b.closes))),
  }));
}

// Where an interval ends, in minutes from the start of its day (past 1440 overnight).
const end = (interval) => minutes(interval.closes) + (interval.overnight ? 1440 : 0);

// A day's intervals in order, each one opening before the one before closes merged into it (hours.py _joined).
function joined(intervals) {
  const out = [];
  for (const interval of intervals) {
    const last = out[out.length - 1];
    if (last && minutes(interval.opens) < end(last)) {
      if (end(interval) > end(last)) out[out.length - 1] = { ...last, closes: interval.closes, overnight: interval.overnight };
    } else {
      out.push(interval);
    }
  }
  return out;
}

// Runs of consecutive days with the same intervals, closed days left out (hours.py week_groups).
export function weekGroups(schedule) {
  if (schedule.open_24_7) return [];
  const groups = [];
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  for (const row of weekRows(schedule)) {
    if (!row.intervals.length) continue;
    const last = groups[groups.length - 1];
    if (last && same(last.intervals, row.intervals) && DAYS.indexOf(last.last) + 1 === DAYS.indexOf(row.day)) {
      last.last = row.day;
    } else {
      groups.push({ first: row.day, last: row.day, intervals: row.intervals });
    }
  }
  return groups;
}

// A week on one line (wording.py week_in_short): "lundi–vendredi : de 9 h à 17 h"; `texts`:
// always, unknown, group, interval, next_day, whole_day; `days`: each day's name by code.
export function weekInShort(schedule, texts, days, lang) {
  if (schedule.open_24_7) return texts.always;
  const groups = weekGroups(schedule);
  if (!groups.length) return texts.unknown;
  const span = (g) => (g.first === g.last ? days[g.first] : `${days[g.first]}–${days[g.last]}`);
  return groups.map((g) => fill(texts.group, {
    days: span(g),
    hours: g.intervals.map((i) => intervalText(i, texts, lang)).join(", "),
  })).join("; ");
}

// How far ahead special hours are listed (hours.py UPCOMING_DAYS).
export const UPCOMING_DAYS = 60;

// A place's exceptions from `today` ("YYYY-MM-DD") to `days` ahead, by date (hours.py upcoming_exceptions).
export function upcomingExceptions(schedule, today, days = UPCOMING_DAYS) {
  const last = isoDate(dateUtc(today) + days * DAY_MS);
  const key = (exception) => `${exception.date} ${exception.opens || ""}`; // a day's hours in parts, in order
  return (schedule.exceptions || []).filter((exception) => today <= exception.date && exception.date <= last)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

// A place's special hours from `today` ("YYYY-MM-DD" where the site is) to `days` ahead, as
// its page lists them, on one line (wording.py special_in_short): "24 décembre : de 9 h à 12 h;
// 25 décembre : fermé"; "" when none. `day` writes a date without its year (text.js MONTH_DAY).
export function specialInShort(schedule, texts, days, lang, today, day) {
  if (!days) return ""; // a page of a build before them, run with this script
  return upcomingExceptions(schedule, today, days)
    .map((exception) => {
      const date = day(exception.date);
      if (exception.closed) return fill(texts.exception_closed, { date });
      const { opens, closes } = exception;
      const words = fill(texts.exception_hours, { date, opens: formatTime(opens, lang), closes: formatTime(closes, lang) });
      return minutes(closes) <= minutes(opens) ? `${words} ${texts.next_day}` : words;
    })
    .join("; ");
}

// An interval of a week row as people read it (wording.py interval_in): "9 h à 17 h",
// "10 p.m. to 2 a.m. (next day)", the whole day `texts.whole_day` ("24 h sur 24").
export function intervalText(interval, texts, lang) {
  if (interval.opens === "00:00" && interval.closes === "24:00") return texts.whole_day;
  const words = fill(texts.interval, { opens: formatTime(interval.opens, lang), closes: formatTime(interval.closes, lang) });
  return interval.overnight ? `${words} ${texts.next_day}` : words;
}

export function formatTime(hhmm, lang) {
  const total = minutes(hhmm);
  const hour = Math.floor(total / 60);
  const minute = total % 60;
  const mm = String(minute).padStart(2, "0");
  // Its parts joined by a no-break space (hours.py TIME_SPACE): never "8 h" then "30".
  if (lang === "fr") return minute ? `${hour}\u00a0h\u00a0${mm}` : `${hour}\u00a0h`;
  if (!minute && hour % 12 === 0) return hour === 12 ? "noon" : "midnight"; // "12 a.m." reads either way
  const h24 = hour % 24;
  const suffix = h24 < 12 ? "a.m." : "p.m.";
  const shown = h24 % 12 || 12;
  return minute ? `${shown}:${mm}\u00a0${suffix}` : `${shown}\u00a0${suffix}`;
}

function daysAhead(moment, nowLocalIso) {
  return Math.round((dateUtc(moment) - dateUtc(nowLocalIso)) / DAY_MS);
}

function values(labels, moment, lang) {
  const date = dateUtc(moment);
  const d = new Date(date);
  return {
    time: formatTime(moment.slice(11, 16), lang),
    day: labels.days[DAYS[weekday(date)]],
    date: fill(labels.date, { d: d.getUTCDate(), month: labels.months[d.getUTCMonth()] }),
  };
}

export function describe(status, nowLocalIso, lang, labels) {
  const said = saidOf(status, nowLocalIso, lang, labels);
  return status.place ? fill(labels.at_place, { status: said, place: status.place }) : said;
}

function saidOf(status, nowLocalIso, lang, labels) {
  if (["unknown", "holiday", "holiday_next"].includes(status.state)) return labels[status.state];
  if (status.state === "open") {
    if (status.always_open || !status.closes_at) return labels.open_always;
    const moment = status.closes_at;
    const ahead = daysAhead(moment, nowLocalIso);
    // "closes at 6 h" is clear when it is the next 6 h on the clock.
    if (ahead <= 0 || (ahead === 1 && moment.slice(11, 16) < nowLocalIso.slice(11, 16))) {
      return fill(labels.open_until, values(labels, moment, lang));
    }
    const v = values(labels, moment, lang);
    if (ahead > 6) v.day = `${v.day} ${v.date}`;
    return fill(labels.open_until_day, v);
  }
  if (!status.opens_at) return labels.closed;
  const moment = status.opens_at;
  const ahead = daysAhead(moment, nowLocalIso);
  const key = ahead <= 0 ? "closed_opens_today" : ahead === 1 ? "closed_opens_tomorrow"
    : ahead <= 6 ? "closed_opens_day" : "closed_opens_date";
  return fill(labels[key], values(labels, moment, lang));
}

// The public holidays a page gives (data-holidays, on the element of its labels): none when absent.
export function holidaysOf(element) {
  return element.dataset.holidays ? JSON.parse(element.dataset.holidays) : [];
}

// The time zone an element of labels gives (data-tz), with its offsets when given (data-tz-offsets).
function zoneOf(context) {
  const { tz } = context.dataset;
  if (!givenOffsets.has(tz) && context.dataset.tzOffsets) useOffsets(tz, JSON.parse(context.dataset.tzOffsets));
  return tz;
}

// An organization's status said as its places' when it has a helpline, whose hours no record
// gives: "Sur place : Fermé", not "Fermé" under a crisis line's number (templating.py on_site).
// Open round the clock, nothing closes: said as it is.
export function onSite(said, status, labels) {
  return labels.on_site && !status.always_open ? labels.on_site.replace("{status}", said) : said;
}

function refresh(element) {
  // One line: a broken attribute leaves this line hidden, not the others.
  try {
    const schedule = JSON.parse(element.dataset.schedule);
    // A list of cards gives its labels and time zone once, on the list.
    const context = element.closest("[data-labels]");
    const labels = JSON.parse(context.dataset.labels);
    const tz = zoneOf(context);
    const lang = (document.documentElement.lang || "fr").slice(0, 2).toLowerCase();
    const now = new Date();
    // A list: the schedules of an organization's places (templating.py schedules_json).
    const status = Array.isArray(schedule)
      ? statusOfAny(schedule, now, tz, holidaysOf(context)) : statusAt(schedule, now, tz, holidaysOf(context));
    const described = describe(status, localIso(now.getTime(), tz), lang, labels);
    const said = element.hasAttribute("data-on-site") ? onSite(described, status, labels) : described;
    // Rewritten only when it changes: a live line rewritten every minute is read out again.
    if (element.textContent !== said) element.textContent = said;
    element.dataset.state = status.state;
    element.toggleAttribute("data-always", status.always_open); // a fact, true on paper too (site.css)
    element.hidden = false;
  } catch (error) {
    element.hidden = true;
  }
}

// The days a page lists (special hours, data-until="YYYY-MM-DD") before `today`, where the
// site is, taken out: a page read offline or left open weeks after its build listed closings
// long gone. A group (data-dated) left without a day goes with its title.
function dropPastDays(root, today) {
  root.querySelectorAll("[data-dated]").forEach((group) => {
    const days = [...group.querySelectorAll("[data-until]")];
    const past = days.filter((day) => day.dataset.until < today);
    if (!past.length) return;
    if (past.length === days.length) {
      group.remove();
      return;
    }
    // By date, the past ones come first: each goes with the "; " that follows it.
    past.forEach((day) => {
      if (day.nextSibling && day.nextSibling.nodeType === 3) day.nextSibling.remove();
      day.remove();
    });
  });
}

function dropPast() {
  const context = document.querySelector("[data-dated]")?.closest("[data-tz]");
  try {
    if (context) dropPastDays(document, localIso(Date.now(), zoneOf(context)).slice(0, 10));
  } catch (error) {
    // A zone this browser does not know: the days stay as built, dated.
  }
}

// Start (or restart, for lines drawn later) the open-now lines of the page.
export function startOpenNow() {
  const lines = document.querySelectorAll('[data-module="open-now"]');
  const update = () => {
    lines.forEach(refresh);
    dropPast();
  };
  update();
  if (lines.length || document.querySelector("[data-dated]")) {
    setInterval(update, REFRESH_MS);
    // A tab put to sleep misses its timers: catch up as soon as it is seen again.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") update();
    });
  }
}

if (typeof document !== "undefined") startOpenNow();
