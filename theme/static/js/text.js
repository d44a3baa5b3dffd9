// Filling translated texts in the browser: "{name}" placeholders, as the templates write them.

// Unknown placeholders stay as written (as hours.py's _fill does).
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));
}

// A date as pages write it ("1er novembre 2026", "November 1, 2026"): Intl writes the first of a
// month "1 novembre" (wording.py first_of_month). iso: "YYYY-MM-DD". With MONTH_DAY, a date of
// the coming weeks: "1er janvier", "December 24" (wording.py month_day).
export const MONTH_DAY = { month: "long", day: "numeric" };

export function dateWriter(locale, lang, form = { dateStyle: "long" }) {
  const dates = new Intl.DateTimeFormat(locale || lang, { ...form, timeZone: "UTC" });
  return (iso) => {
    const written = dates.format(new Date(`${iso}T00:00:00Z`));
    return lang === "fr" && written.startsWith("1 ") ? `1er${written.slice(1)}` : written;
  };
}
