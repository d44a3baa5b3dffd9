// A record in one language, as plugins/repertoire/compact.py writes it: shared by the search
// results and the offline pages, so that both read a record the same way.

// A text of the record: {text, lang}; lang is the language it is in ({fr: ...} or {en: ...})
// when the page's language was missing.
export function textOf(value) {
  if (value === undefined || value === null) return { text: "", lang: null };
  if (typeof value === "string") return { text: value, lang: null };
  const lang = value.fr ? "fr" : value.en ? "en" : "fr";
  return { text: value[lang] || "", lang };
}

// The start of a list's item on a line of its own: "- repas", "• vêtements", "2. Appeler".
const LIST_ITEM = /^(?:[-–—•*·]|[0-9]{1,2}[.)])\s/;

// A record text as its paragraphs (split at blank lines), each as the lines it is shown in:
// a line break before a list's item and after a line that ends with a colon, a space for any
// other (templating.py paragraphs_of).
export function paragraphsOf(text) {
  const found = [];
  for (const paragraph of text.split(/\n[ \t]*\n/)) {
    const lines = [];
    for (const line of paragraph.split("\n").map((l) => l.trim())) {
      if (!line) continue;
      if (lines.length && !LIST_ITEM.test(line) && !lines[lines.length - 1].endsWith(":")) lines[lines.length - 1] += ` ${line}`;
      else lines.push(line);
    }
    if (lines.length) found.push(lines);
  }
  return found;
}

// An element holding a record text, marked with its language when it fell back to the other one.
export function textNode(value) {
  const { text, lang } = textOf(value);
  if (!lang) return document.createTextNode(text);
  const span = document.createElement("span");
  span.lang = lang;
  span.textContent = text;
  return span;
}

// The link of a phone as pages write it (templating.py phone_link): sms: for a line for text
// messages (a tap called it), tel: otherwise.
export function phoneHref(phone) {
  return phone.type === "text" ? `sms:${phone.tel.split(";")[0]}` : `tel:${phone.tel}`;
}

// What a list or a printed entry says beside a number (wording.py phone_said): its own
// description in the page's language (a compact record's plain string), which tells reception
// from the crisis line; else its kind's name in `kinds` ("Fax"); else its description in
// another language, marked as such.
export function phoneSaid(phone, kinds) {
  if (typeof phone.description === "string" && phone.description) return phone.description;
  return kinds[phone.type] || (phone.description ? textNode(phone.description) : null);
}

// Whether a record gives a helpline among its numbers (templating.py has_helpline).
export function hasHelpline(record) {
  return everyPhone(record).some((phone) => phone.type === "hotline");
}

// A record's phones, the organization's first, then each place's and each service's, a line
// once: its digits however written, and its kind (compact.py every_phone).
export function everyPhone(record) {
  const found = new Map();
  for (const owner of [record, ...(record.locations || []), ...(record.services || [])]) {
    for (const phone of owner.phones || []) {
      const key = `${phone.number.replace(/[^0-9]/g, "")} ${phone.type || "voice"}`;
      if (!found.has(key)) found.set(key, phone);
    }
  }
  return [...found.values()];
}

// The first of them a person can call by voice (not a fax, a text line or a TTY), as
// compact.py's first_call.
export function firstCall(record) {
  return everyPhone(record).find((p) => ["voice", "hotline"].includes(p.type || "voice")) || null;
}

export function locations(record) {
  return record.locations || [];
}

// An address's street and unit, either alone (wording.py street_line): "123 rue X, bureau 4".
export function streetLine(address) {
  return [address.street, address.unit].filter(Boolean).join(", ");
}

// An address's city, its region when given, and its postal code (wording.py city_line).
export function cityLine(address) {
  return `${address.city}${address.region ? ` (${address.region})` : ""}${address.postal_code ? ` ${address.postal_code}` : ""}`;
}

// A location on one line (wording.py address_line): "123 rue X, bureau 4, Laval H7N 1A1", or
// its name when it has no address (a place online or on wheels).
export function addressLine(location) {
  const a = location.address;
  if (!a) return location.name ? textOf(location.name).text : "";
  const street = streetLine(a);
  return `${street ? `${street}, ` : ""}${cityLine(a)}`;
}

// The schedule hours.js reads, of one location.
export function scheduleOf(location) {
  return { open_24_7: Boolean(location.open_24_7), hours: location.hours || [], exceptions: location.exceptions || [] };
}

export function hasHours(location) {
  return Boolean(location.open_24_7 || (location.hours || []).length);
}

// The schedules of a record's places that give hours (templating.py schedules_json): an
// organization is open when any of them is (hours.js statusOfAny).
// Each names its place when there are several (templating.py schedules_json).
export function schedulesOf(record) {
  const timed = locations(record).filter(hasHours);
  if (timed.length <= 1) return timed.map(scheduleOf);
  const names = placeNames(timed);
  return timed.map((location, i) => ({ ...scheduleOf(location), place: names[i] }));
}

// Short names that tell places apart on one line (wording.py place_names): each one's city,
// its street where another is in the same city, its name without an address (a mobile unit).
export function placeNames(places) {
  const cities = places.map((l) => (l.address && l.address.city) || "");
  return places.map((l, i) => (cities.filter((c) => c === cities[i]).length === 1
    ? cities[i] : (l.address && streetLine(l.address)) || cities[i]) || textOf(l.name).text);
}

// "lat,lon;lat,lon" of the located sites, as the static lists' data-points.
export function pointsOf(record) {
  return locations(record).filter((l) => l.coordinates).map((l) => `${l.coordinates[0]},${l.coordinates[1]}`).join(";");
}
