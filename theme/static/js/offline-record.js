// An organization's page drawn from the record data saved on the device, for pages the
// phone never visited: the same content as theme/templates/organization.html (change one,
// change the other; tests/test_offline.py compares them for every demonstration record).
import { el, joined } from "./dom.js";
import { rewriteDirections } from "./directions.js";
import { formatTime, intervalText, minutes, specialInShort, startOpenNow, UPCOMING_DAYS, upcomingExceptions, useOffsets, weekRows } from "./hours.js";
import { listToggle } from "./my-list-store.js";
import { cityLine, firstCall, hasHelpline, hasHours, locations, paragraphsOf, phoneHref, scheduleOf, schedulesOf, streetLine, textNode, textOf } from "./record.js";
import { keptLanguages } from "./saved-state.js";
import { SearchIndex } from "./search-engine.js";
import { dateWriter, fill, MONTH_DAY } from "./text.js";

// A name this long is written smaller on a phone (organization.html).
const LONG_NAME = 80;

// The same words but for the case and a plural's final "s" (macros.html phone_facts).
const sameWords = (a, b) => a.trim().toLowerCase().replace(/s+$/, "") === b.toLowerCase().replace(/s+$/, "");

export class RecordPage {
  constructor(root) {
    this.root = root;
    this.lang = (root.ownerDocument.documentElement.lang || "fr").slice(0, 2);
    this.texts = JSON.parse(root.dataset.texts);
    this.names = JSON.parse(root.dataset.names);
    this.urls = JSON.parse(root.dataset.urls);
    // The declared facts of a location and of a service (repertoire/fields.py), labelled.
    this.fields = JSON.parse(root.dataset.fields);
    this.siteRoot = new URL(root.dataset.root, document.baseURI);
    this.today = root.dataset.today;
    this.hoursLabels = root.dataset.hours;
    this.tz = root.dataset.tz;
    useOffsets(this.tz, JSON.parse(root.dataset.tzOffsets || "null"));
    this.holidays = root.dataset.holidays || "[]"; // the open-now lines' (hours.js holidaysOf)
    this.date = dateWriter(root.dataset.locale, this.lang);
    this.day = dateWriter(root.dataset.locale, this.lang, MONTH_DAY);
  }

  url(kind, slug = "") {
    return new URL(this.urls[kind].replace("SLUG", slug), this.siteRoot).href;
  }

  time(hhmm) {
    return formatTime(hhmm, this.lang);
  }

  // The <article> (and breadcrumbs) of organization.html for one record.
  render(record) {
    const t = this.texts;
    const primary = record.categories[0];
    const crumbs = el("nav", { class: "breadcrumbs", "aria-label": t.breadcrumbs }, el("ol", {},
      el("li", {}, el("a", { href: this.url("home") }, t.home)),
      el("li", {}, el("a", { href: this.url("category", primary) }, this.names.categories[primary])),
      el("li", { "aria-current": "page" }, textNode(record.name))));
    const article = el("article", { class: "organization", "aria-labelledby": "org-name" },
      el("h1", { id: "org-name", class: textOf(record.name).text.length > LONG_NAME ? "org-name--long" : null }, textNode(record.name)),
      (record.alternate_names || []).length
        ? el("p", { class: "alternate-names" }, `${t.also} `, joined(record.alternate_names.map(textNode))) : null,
      this.closedNotice(record),
      this.quickActions(record),
      el("p", { class: "record-actions" }, listToggle(record.id, t.keep)),
      record.stale ? el("p", { class: "notice notice--stale", role: "note" }, el("strong", {}, t.stale), " ",
        fill(t.stale_date, { date: this.date(record.last_verified) })) : null,
      this.paragraphs(record.description, "description"),
      this.cutNote(record),
      el("ul", { class: "tags", "aria-label": t.categories }, record.categories.map((slug) =>
        el("li", {}, el("a", { href: this.url("category", slug) }, this.names.categories[slug])))),
      this.contact(record),
      this.locations(record), // where and when before the services, as organization.html
      this.services(record),
      this.footer(record));
    article.dataset.labels = this.hoursLabels;
    article.dataset.tz = this.tz;
    article.dataset.holidays = this.holidays;
    return [crumbs, article];
  }

  // For an organization closed, for now or for good, as organization.html: where to turn instead.
  closedNotice(record) {
    if (record.status === "active") return null;
    const t = this.texts;
    const others = record.alternatives || [];
    return el("section", { class: "notice notice--closed", "aria-labelledby": "closed-title" },
      el("h2", { id: "closed-title" }, record.status === "inactive" ? t.closed_title : t.closed_for_now_title),
      others.length ? el("p", {}, t.closed_others) : null,
      others.length ? el("ul", { class: "alternatives" }, others.map((other) => el("li", {},
        el("a", { href: this.url("organization", other.id) }, textNode(other.name)),
        other.tel ? [" ", el("a", { class: "phone", href: `tel:${other.tel}` }, other.number)] : null))) : null,
      el("p", {}, el("a", { href: this.url("category", record.categories[0]) }, t.closed_category), ` · ${t.closed_call}`));
  }

  // Call, directions, open now: first on a phone's screen, as organization.html.
  quickActions(record) {
    if (record.status === "inactive") return null;
    const phone = firstCall(record);
    const first = locations(record)[0] || {};
    const [lat, lon] = first.coordinates || [];
    return el("div", { class: "quick-actions", "data-labels": this.hoursLabels, "data-tz": this.tz, "data-holidays": this.holidays },
      phone ? el("a", { class: "call-link", href: `tel:${phone.tel}` }, phone.number) : null,
      first.coordinates ? el("a", { class: "button button--secondary", ...this.geo(lat, lon) }, this.texts.directions_short) : null,
      record.status === "active" && schedulesOf(record).length ? this.openNow(schedulesOf(record), false, hasHelpline(record)) : null,
      record.status === "active" ? this.specialAhead(first) : null);
  }

  // Its first place's special hours ahead, by the number (organization.html special_hours_by_date).
  specialAhead(location) {
    const t = this.texts;
    const words = { exception_closed: t.closed_on, exception_hours: t.open_on, next_day: t.next_day };
    const ahead = specialInShort(scheduleOf(location), words, UPCOMING_DAYS, this.lang, this.today, this.day);
    return ahead ? el("p", { class: "special-ahead no-print" }, el("strong", {}, t.special_ahead), " ", ahead) : null;
  }

  // A place's geo: link and the directions an iPhone and a computer open instead (macros.html geo_link).
  geo(lat, lon) {
    return { href: `geo:${lat},${lon}?q=${lat},${lon}`, "data-apple": `${this.urls.apple_directions}${lat},${lon}`,
      "data-web": `${this.urls.directions}${lat}%2C${lon}` };
  }

  // A place's schedule, or a list of them: open when any place is (hours.js statusOfAny); said
  // as its places' when the record has a helpline (hours.js onSite).
  openNow(schedule, live = false, onSite = false) {
    return el("p", { class: "open-now", "data-module": "open-now", "data-schedule": JSON.stringify(schedule),
      ...(live ? { "aria-live": "polite" } : {}), ...(onSite ? { "data-on-site": "" } : {}) });
  }

  // A text of the record as its paragraphs, in the language it is shown in (macros.html paragraphs).
  paragraphs(value, className) {
    const shown = textOf(value);
    return el("div", { class: className, lang: shown.lang || this.lang },
      paragraphsOf(shown.text).map((lines) => el("p", {}, lines.flatMap((line, i) => (i ? [el("br"), line] : [line])))));
  }

  // The offline install keeps a long description's start only (repertoire/compact.py).
  cutNote(owner) {
    return owner.description_cut ? el("p", { class: "cut-note" }, this.texts.cut) : null;
  }

  languageNames(codes) {
    return codes.map((code) => this.names.languages[code] || code).join(", ");
  }

  contact(record) {
    const t = this.texts;
    const facts = el("dl", { class: "facts" }, this.phoneFacts(record.phones, record.status !== "inactive"));
    if (record.email) facts.append(el("dt", {}, t.email), el("dd", {}, el("a", { href: `mailto:${record.email}` }, record.email)));
    if (record.website) {
      facts.append(el("dt", {}, t.website), el("dd", {}, el("a", { href: record.website, rel: "noreferrer" }, record.website)));
    }
    if ((record.languages || []).length) facts.append(el("dt", {}, t.languages_spoken), el("dd", {}, this.languageNames(record.languages)));
    facts.append(el("dt", {}, t.territory), el("dd", {}, joined(record.service_area.map((slug) => {
      const [name, kind] = this.names.territories[slug] || [slug, ""];
      // The whole territory has a list page of its own, as each region has.
      if (kind === "region" || kind === "whole") return el("a", { href: this.url("region", slug) }, name);
      return name;
    }))));
    return el("section", { class: "contact", "aria-labelledby": "contact-title" },
      el("h2", { id: "contact-title" }, t.contact), facts);
  }

  // The phones of the organization, a location or a service, as terms of a <dl class="facts">;
  // not `callable` (an organization no longer active): as text, its alternatives are the calls to make.
  phoneFacts(phones, callable) {
    const t = this.texts;
    if (!(phones || []).length) return [];
    return [el("dt", {}, phones.length === 1 ? t.phone : t.phones), el("dd", { class: "phones" }, phones.map((phone) => {
      const kind = t.phone_types[phone.type || "voice"] || "";
      return el("span", { class: "phones__line" },
        phone.type === "fax" || !callable ? phone.number : el("a", { class: "phone", href: phoneHref(phone) }, phone.number),
        kind ? [" ", el("span", { class: "phone__type" }, `(${kind})`)] : null,
        phone.description && !sameWords(textOf(phone.description).text, kind)
          ? [" · ", textNode(phone.description)] : null);  // not the kind said twice (macros.html)
    }))];
  }

  // The declared facts `owner` has: [field, label, value as a node], as organization.html
  // writes them (macros.html fact_value).
  facts(owner, object) {
    return this.fields[owner].filter(([field]) => field in object).map(([field, kind, label]) => [field, label,
      kind === "yes_no" ? (object[field] ? this.texts.yes : this.texts.no) : textNode(object[field])]);
  }

  locationLabel(location, number) {
    if (location.name) return textNode(location.name);
    if (location.address) return location.address.city;
    return fill(this.texts.location_number, { number });
  }

  services(record) {
    const t = this.texts;
    const services = record.services || [];
    if (!services.length) return null;
    const sites = locations(record);
    return el("section", { class: "services", "aria-labelledby": "services-title" },
      el("h2", { id: "services-title" }, services.length === 1 ? t.service : t.services),
      services.map((service) => {
        const facts = el("dl", { class: "facts" });
        const fact = (label, value) => { if (value) facts.append(el("dt", {}, label), el("dd", {}, value)); };
        for (const [, label, value] of this.facts("service", service)) fact(label, value);
        const low = typeof service.minimum_age === "number" ? service.minimum_age : null;
        const high = typeof service.maximum_age === "number" ? service.maximum_age : null;
        if (low !== null || high !== null) {
          fact(t.ages, low !== null && high !== null ? fill(t.ages_between, { low, high })
            : low !== null ? fill(t.ages_over, { low }) : fill(t.ages_under, { high }));
        }
        facts.append(...this.phoneFacts(service.phones, record.status !== "inactive"));
        fact(t.languages, (service.languages || []).length && this.languageNames(service.languages));
        if ((service.locations || []).length && sites.length > 1) {
          fact(t.where, el("span", {}, joined(sites.filter((l) => service.locations.includes(l.id)).map((l) =>
            el("a", { href: `#location-${l.id}` }, this.locationLabel(l, sites.indexOf(l) + 1))))));
        }
        return el("section", { class: "service" }, el("h3", {}, textNode(service.name)),
          service.description ? this.paragraphs(service.description) : null, this.cutNote(service), facts);
      }));
  }

  locations(record) {
    const t = this.texts;
    const sites = locations(record);
    if (!sites.length) return null;
    const one = sites.length === 1;
    // No longer active: its places are where it was, not where to go (no directions, no hours).
    const title = record.status === "inactive" ? (one ? t.former_location : t.former_locations) : (one ? t.location : t.locations);
    return el("section", { class: "locations", "aria-labelledby": "locations-title" },
      el("h2", { id: "locations-title" }, title),
      sites.map((location, index) => this.location(record, location, index + 1)));
  }

  location(record, location, number) {
    const t = this.texts;
    const id = `location-${location.id}`;
    const address = location.address;
    const schedule = scheduleOf(location);
    const parts = [el("h3", { id: `${id}-title` }, this.locationLabel(location, number))];
    if (address) {
      const street = streetLine(address);
      parts.push(el("p", { class: "address" }, ...(street ? [street, el("br")] : []), cityLine(address)));
    }
    const listed = record.status !== "inactive";
    if (location.coordinates && listed) {
      const [lat, lon] = location.coordinates;
      // Several places: each link says which (organization.html).
      const which = () => (locations(record).length > 1
        ? el("span", { class: "visually-hidden" }, " – ", this.locationLabel(location, number)) : null);
      parts.push(el("p", { class: "directions" }, `${t.directions} `,
        el("a", this.geo(lat, lon), t.map_app, which()), " · ",
        el("a", { href: `${this.urls.directions}${lat}%2C${lon}`, rel: "noreferrer" }, "OpenStreetMap", which())));
    }
    for (const [field, label, value] of this.facts("location", location)) {
      parts.push(el("p", { class: field }, el("strong", {}, label), " ", value));
    }
    if ((location.phones || []).length) parts.push(el("dl", { class: "facts" }, this.phoneFacts(location.phones, listed)));
    if (listed) {  // no longer active: no hours to go by
      if (record.status === "active" && hasHours(location)) { // without hours, "unknown" is said once, below
        parts.push(this.openNow(scheduleOf(location), number === 1)); // said aloud for the first place only
      }
      if (location.open_24_7) {
        parts.push(el("p", { class: "hours-always" }, t.always));
      } else if ((location.hours || []).length) {
        parts.push(el("table", { class: "hours" }, el("caption", {}, t.hours, locations(record).length > 1
          ? el("span", { class: "visually-hidden" }, " · ", this.locationLabel(location, number)) : null), el("tbody", {}, weekRows(schedule).map((row) =>
          el("tr", {}, el("th", { scope: "row" }, this.names.days[row.day]), el("td", {}, row.intervals.length
            ? joined(row.intervals.map((i) => intervalText(i, t, this.lang)), el("br"))
            : t.closed))))));
      } else {
        parts.push(el("p", { class: "hours-unknown" }, t.unknown));
      }
      const special = upcomingExceptions(schedule, this.today);
      if (special.length) {
        parts.push(el("h4", {}, t.special), el("ul", { class: "exceptions" }, special.map((e) => el("li", {}, e.closed
          ? fill(t.closed_on, { date: this.date(e.date) })
          : fill(t.open_on, { date: this.date(e.date), opens: this.time(e.opens), closes: this.time(e.closes) })
            + (minutes(e.closes) <= minutes(e.opens) ? ` ${t.next_day}` : ""), // past midnight (hours.py)
        e.description ? [" · ", textNode(e.description)] : null))));
      }
    }
    return el("section", { class: "location", id, "aria-labelledby": `${id}-title` }, parts);
  }

  footer(record) {
    const t = this.texts;
    const name = textOf(record.name).text;
    // As Jinja's urlencode: "/" stays readable.
    const encode = (value) => encodeURIComponent(value).replace(/%2F/g, "/");
    // The page's address as its built page gives it (organization.html: public, or as the
    // site's links are); every placeholder, each as often as written (the default mail names
    // the record twice: the second was sent as "{id}").
    const page = (this.urls.public ? `${this.urls.public}/` : "") + this.urls.organization.replace("SLUG", record.id);
    const correction = fill(this.urls.correction, { id: record.id, name: encode(name), url: encode(page) });
    return el("footer", { class: "record-footer" },
      el("p", {}, fill(t.confirmed, { date: this.date(record.last_verified) })),
      el("p", {}, el("a", { href: correction }, t.correct),
        this.urls.history ? [" · ", el("a", { href: fill(this.urls.history, { id: record.id }), rel: "noreferrer" }, t.history)] : null));
  }
}

export function slugFromPath(pathname, organizationUrl) {
  // /fr/organismes/<slug>/ -> slug, with the same prefix as the organization URLs.
  const [before, after] = new URL(organizationUrl).pathname.split("SLUG");
  if (!pathname.startsWith(before) || !pathname.endsWith(after)) return null;
  return decodeURIComponent(pathname.slice(before.length, pathname.length - after.length)) || null;
}

// How often, and how many times, a page waiting for its language's data looks whether it is
// saved now.
const SAVED_YET_MS = 2000;
const SAVED_YET_TRIES = 90;

// No saved record in this language: say so as the page's heading, with a number to call and a
// try again; lead to the same organization in the other language when that one is saved (a
// French pack, an English link). Its language not saved whole yet (the seconds after a first
// visit, a save the connection cut), "not in the data saved" was said of every organization,
// with nothing to do (stop 83's phone probe): it is said not saved yet, and drawn once saved,
// in place (a page reloading by itself loses the place of someone reading a number).
async function showMissing(page, root, status, slug) {
  const kept = await keptLanguages(page.siteRoot).catch(() => null);
  const unsaved = Boolean(kept) && !kept.includes(page.lang);
  const heading = el("h1", {});
  const say = (text, title) => {
    status.textContent = "";
    status.append(el("strong", {}, text));
    heading.textContent = title;
    document.title = `${title} · ${page.texts.site}`;
  };
  say(unsaved ? page.texts.saving : page.texts.missing, unsaved ? page.texts.saving_title : page.texts.missing_title);
  root.prepend(heading);
  const retry = root.querySelector("[data-offline-record-retry]");
  retry.querySelector("a").href = window.location.href;
  for (const part of [retry, root.querySelector("[data-offline-record-help]")]) part.hidden = false;
  if (unsaved && slug) {
    let tries = 0;
    const timer = window.setInterval(async () => {
      tries += 1;
      const now = await keptLanguages(page.siteRoot).catch(() => null);
      if (now && now.includes(page.lang)) {
        window.clearInterval(timer);
        // A new reader: the one that found nothing may keep what it could not fetch.
        const fresh = new SearchIndex(new URL(root.dataset.index, document.baseURI), page.siteRoot);
        const record = await fresh.record(slug).catch(() => null);
        if (record) draw(page, root, record);
        else say(page.texts.missing, page.texts.missing_title);
      } else if (tries >= SAVED_YET_TRIES) {
        window.clearInterval(timer); // what it says stays true
      }
    }, SAVED_YET_MS);
  }
  if (!slug || !root.dataset.otherIndex) return;
  try {
    const other = new SearchIndex(new URL(root.dataset.otherIndex, document.baseURI), page.siteRoot);
    const record = await other.record(slug);
    if (!record) return;
    const name = textOf(record.name);
    status.after(el("p", { class: "notice" }, page.texts.missing_other, " ",
      el("a", { href: page.url("other", record.id), hreflang: root.dataset.otherLang, lang: name.lang }, name.text)));
  } catch (error) { /* that language is not saved either */ }
}

function draw(page, root, record) {
  const drawn = page.render(record);
  root.replaceWith(...drawn);
  drawn.forEach((part) => part instanceof Element && rewriteDirections(part));
  document.title = `${textOf(record.name).text} · ${page.texts.site}`;
  const other = document.querySelector(".language-switch a");
  if (other) other.href = page.url("other", record.id);
  startOpenNow();
}

async function start(root) {
  const page = new RecordPage(root);
  const status = root.querySelector("[data-offline-record-status]");
  const slug = new URLSearchParams(window.location.search).get("id")
    || slugFromPath(window.location.pathname, new URL(page.urls.organization, page.siteRoot).href);
  try {
    const index = new SearchIndex(new URL(root.dataset.index, document.baseURI), page.siteRoot);
    const record = slug ? await index.record(slug) : null;
    if (!record) { await showMissing(page, root, status, slug); return; }
    draw(page, root, record);
  } catch (error) {
    console.warn("Saved data unavailable:", error);
    await showMissing(page, root, status, slug);
  }
}

const root = document.querySelector('[data-module="offline-record"]');
if (root) start(root);
