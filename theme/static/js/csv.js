// The browser's CSV ("my list"): RFC 4180 with a byte order mark, so that spreadsheet
// programs read the accents right. Text that looks like a formula is marked as text with a
// leading apostrophe, by the rule of plugins/repertoire/spreadsheets.py (the build's lists);
// tests/test_hostile.py runs one table of cells through both.
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?[0-9]+([.,][0-9]+)?([eE][+-]?[0-9]+)?$/;

export function safeCell(value) {
  const text = String(value ?? "");
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

export function toCsv(rows) {
  const cell = (value) => {
    const text = safeCell(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\ufeff${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}
