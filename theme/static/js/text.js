// Filling translated texts in the browser: "{name}" placeholders, as the templates write them.

// Unknown placeholders stay as written (as hours.py's _fill does).
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));
}
