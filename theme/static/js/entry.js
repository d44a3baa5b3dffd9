// One organization in short, for "my list" and the printed directory: name, category,
// status, phones, each location's address and hours in short (and its facts declared short),
// services, web. The same text as plugins/printed/document.py entry(), which the PDF
// directories print (change one, change the other; tests/test_lists.py compares them).
import { el, joined } from "./dom.js";
import { localIso, specialInShort, weekInShort } from "./hours.js";
import { addressLine, everyPhone, locations, phoneHref, phoneSaid, scheduleOf, streetLine, textNode, textOf } from "./record.js";
import { asciiWords } from "./search-terms.js";
import { dateWriter, fill, MONTH_DAY } from "./text.js";

export class EntryWriter {
  // config: the JSON of partials/entry_config.html (texts, names, organization URL).
  constructor(config, lang) {
    this.texts = config.texts;
    this.names = config.names;
    this.orgUrl = config.organization;
    this.list = config.list;
    this.lang = lang;
    this.date = dateWriter(config.locale, lang);
    this.day = dateWriter(config.locale, lang, MONTH_DAY);
    this.tz = config.tz;
    this.specialDays = config.special_days;
  }

  url(id) {
    return new URL(this.orgUrl.replace("SLUG", id), document.baseURI).href;
  }

  address(location) {
    return addressLine(location);
  }

  hours(location) {
    return weekInShort(scheduleOf(location), this.texts, this.names.days, this.lang);
  }

  // Its special hours from the day printed, as its page lists them: a list handed over in
  // December sent people to doors closed for the holidays.
  special(location) {
    const today = localIso(Date.now(), this.tz).slice(0, 10);
    return specialInShort(scheduleOf(location), this.texts, this.specialDays, this.lang, today, this.day);
  }

  // A number to call (a fax is not one; nor a number of an organization no longer active,
  // as on its page), tappable on a phone, with what it is: the same text as the PDFs.
  phone(phone, active) {
    // On one line: "514 555-" then "0178" at 320 px, copied down wrong.
    const called = phone.tel && active && phone.type !== "fax";
    const number = el(called ? "a" : "span", { class: "entry__number", ...(called ? { href: phoneHref(phone) } : {}) }, phone.number);
    const said = phoneSaid(phone, this.texts.phone_types);
    return el("span", {}, number, said ? [" (", said, ")"] : null);
  }

  // A website or an e-mail address, as a link when it is one.
  web(value, email) {
    if (email) return el("a", { href: `mailto:${value}` }, value);
    return /^https?:\/\//i.test(value) ? el("a", { href: value }, value) : value;
  }

  // <article class="entry">; `level` is its heading's level, `controls` go after the name.
  element(record, level = 3, controls = null) {
    const t = this.texts;
    const status = t.statuses[record.status];
    const services = (record.services || []).map((s) => textNode(s.name));
    const web = [record.website && this.web(record.website, false), record.email && this.web(record.email, true)]
      .filter(Boolean);
    const active = record.status !== "inactive";
    return el("article", { class: "entry", id: `entry-${record.id}`, "data-id": record.id },
      el(`h${level}`, { class: "entry__name" }, el("a", { href: this.url(record.id) }, textNode(record.name))),
      controls,
      el("p", { class: "entry__meta" }, this.names.categories[record.categories[0]] || "",
        status ? [" · ", el("span", { class: "badge badge--warning" }, status)] : null),
      // The numbers before the places: with a few places, they fell below a phone's screen.
      everyPhone(record).length
        ? el("p", { class: "entry__phones" }, joined(everyPhone(record).map((p) => this.phone(p, active)), " · ")) : null,
      // Past its review date (the build's "stale"), as its page warns: a list handed to
      // someone must not send them to a place that moved without saying to call first.
      record.stale && active ? el("p", { class: "entry__stale" }, el("strong", {}, t.stale), " ",
        fill(t.stale_date, { date: this.date(record.last_verified) })) : null,
      // One no longer active: its former addresses only, as its page gives them, not hours
      // that read as open (a counsellor's printout of a list kept before it closed).
      locations(record).filter((location) => active || this.address(location)).map((location) => {
        const special = active ? this.special(location) : "";
        return el("p", { class: "entry__location" },
          this.address(location) ? [el("span", { class: "entry__address" }, this.address(location)), active ? el("br") : null] : null,
          active ? el("span", { class: "entry__hours" }, this.hours(location)) : null,
          active ? this.shortFacts(location).flatMap((fact) => [" · ", el("span", { class: "entry__fact" }, fact)]) : null,
          special ? [el("br"), el("span", { class: "entry__special" }, el("strong", {}, t.special), " ", special)] : null);
      }),
      services.length ? el("p", { class: "entry__services" }, el("strong", {}, t.services), " ", joined(services)) : null,
      web.length ? el("p", { class: "entry__web" }, joined(web, " · ")) : null);
  }

  // The columns of the build's CSV and Excel lists (plugins/repertoire/tables.py; headers in
  // config.list.headers), so that "my list" downloads the same table.
  row(record) {
    const places = locations(record);
    const addresses = places.map((place) => place.address || {});
    const kinds = {};
    for (const phone of everyPhone(record)) {
      const kind = ["voice", "hotline"].includes(phone.type || "voice") ? "voice" : phone.type;
      (kinds[kind] = kinds[kind] || []).push(phone.number);
    }
    const called = kinds.voice || [];
    const category = (slug) => this.names.categories[slug] || "";
    return [record.id, textOf(record.name).text, category(record.categories[0]),
      record.categories.slice(1).map(category).join("; "),
      called[0] || "", called.slice(1).join("; "),
      (kinds.fax || []).join("; "), (kinds.tty || []).join("; "), (kinds.text || []).join("; "),
      record.email || "", record.website || "", perPlace(addresses.map(streetLine)),
      perPlace(addresses.map((a) => a.city || "")), perPlace(addresses.map((a) => a.postal_code || "")),
      (record.regions || []).map((slug) => this.names.regions[slug] || slug).join("; "),
      perPlace(places.map((place) => this.hours(place))),
      (record.languages || []).map((code) => this.names.languages[code] || code).join(", "),
      this.list.status[record.status] || record.status, record.last_verified,
      ...this.list.facts.map(([field, kind, owner]) => this.factCell(record, field, kind, owner)), this.url(record.id)];
  }

  // A fact's value as plain text (fields.py fact_text): its text, or "Yes" / "No".
  factText(kind, value) {
    return kind === "yes_no" ? this.list.yes_no[value ? 0 : 1] : textOf(value).text;
  }

  // A location's facts written after its hours (fields.py short_facts): "Label value".
  shortFacts(location) {
    return this.list.short.filter(([field]) => field in location)
      .map(([field, kind, label]) => `${label} ${this.factText(kind, location[field])}`);
  }

  // A declared fact as a list cell (tables.py fact_cell): every place's, or every service's
  // that says it.
  factCell(record, field, kind, owner) {
    if (owner === "location") {
      return perPlace(locations(record).map((place) => (field in place ? this.factText(kind, place[field]) : "")));
    }
    return (record.services || []).filter((o) => field in o).map((o) => this.factText(kind, o[field])).join("; ");
  }
}

// One cell of every place's value, in the places' order (tables.py per_place).
function perPlace(values) {
  return values.some(Boolean) ? values.join(" | ") : "";
}

// Names compared as people write them (taxonomy.py fold_name): no accents, case, dashes or "St-".
export function foldName(name) {
  return asciiWords(name).replace(/\b(st|ste)\b/g, (word) => (word === "st" ? "saint" : "sainte"));
}
