// Sums over the statistics' demonstration cubes for the filters a reader chose.
// The same rules as plugins/stats/cube.py; tests/test_browser_stats.py compares both.

export const PROFILE_DIMENSIONS = ["language", "gender", "age_group"];
const CODES = { territory: "territories", language: "languages", gender: "genders", age_group: "age_groups" };

export function codes(data, dimension) {
  return data[CODES[dimension]];
}

// True when the figures come from the demonstration breakdown, not the published series.
export function profileFiltered(filters) {
  return Boolean(filters.territory || filters.language || filters.gender || filters.age_group);
}

// [first, last] positions of the months inside the chosen period (inclusive).
export function monthRange(data, filters) {
  const first = data.months.indexOf(filters.start);
  const last = data.months.indexOf(filters.end);
  return [first >= 0 ? first : 0, last >= 0 ? last : data.months.length - 1];
}

function choice(values, chosen) {
  const found = chosen ? values.indexOf(chosen) : -1;
  return found >= 0 ? [found] : values.map((_, i) => i);
}

// Calls visit([month, territory, language, gender, age], needs) for every cell the filters keep.
function eachProfileCell(data, filters, visit) {
  const [first, last] = monthRange(data, filters);
  const T = data.territories.length, L = data.languages.length, G = data.genders.length, A = data.age_groups.length;
  const ts = choice(data.territories, filters.territory), ls = choice(data.languages, filters.language);
  const gs = choice(data.genders, filters.gender), as = choice(data.age_groups, filters.age_group);
  for (let m = first; m <= last; m++) {
    for (const t of ts) for (const l of ls) for (const g of gs) for (const a of as) {
      visit([m, t, l, g, a], data.profile[(((m * T + t) * L + l) * G + g) * A + a]);
    }
  }
}

// [[month, needs]] over the period: the published series, or the breakdown's sums when filtered.
export function needsPerMonth(data, filters) {
  const [first, last] = monthRange(data, filters);
  const sums = new Map();
  for (let m = first; m <= last; m++) sums.set(m, profileFiltered(filters) ? 0 : data.needs[m]);
  if (profileFiltered(filters)) eachProfileCell(data, filters, (cell, value) => sums.set(cell[0], sums.get(cell[0]) + value));
  return [...sums].map(([m, value]) => [data.months[m], value]);
}

// [[code, needs]] per value of one dimension: "territory", "language", "gender" or "age_group".
export function profileBy(data, filters, dimension) {
  const list = codes(data, dimension);
  const position = dimension === "territory" ? 1 : 2 + PROFILE_DIMENSIONS.indexOf(dimension);
  const sums = list.map(() => 0);
  eachProfileCell(data, filters, (cell, value) => { sums[cell[position]] += value; });
  return list.map((code, i) => [code, sums[i]]);
}

// [[category, met, unmet]] for the territory and period chosen, most needs first.
export function byCategory(data, filters) {
  const [first, last] = monthRange(data, filters);
  const T = data.territories.length, C = data.categories.length;
  const met = data.categories.map(() => 0), unmet = data.categories.map(() => 0);
  for (let m = first; m <= last; m++) {
    for (const t of choice(data.territories, filters.territory)) {
      for (let c = 0; c < C; c++) {
        met[c] += data.by_category[((m * T + t) * C + c) * 2];
        unmet[c] += data.by_category[((m * T + t) * C + c) * 2 + 1];
      }
    }
  }
  const rows = data.categories.map((slug, c) => [slug, met[c], unmet[c]]);
  return rows.sort((a, b) => (b[1] + b[2]) - (a[1] + a[2])); // stable: ties keep the cube's order
}
