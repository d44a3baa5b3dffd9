// The search page: results as you type, filters, "open now", distance once a position is
// chosen. Without JavaScript the form still lands on this page, which lists the categories
// and regions. The index is fetched on the first query (search-engine.js); a query in the
// page's address asks for its files as soon as this module runs.
import { aWordOfTheLinesShown, crisisLinesSaid, showCrisisLines } from "./crisis.js";
import { SearchIndex, areaOf, breath } from "./search-engine.js";
import { languageSwitchKeeps } from "./dom.js";
import { describe, formatTime, holidaysOf, localIso, onSite, specialInShort, statusOfAny, useOffsets, weekInShort } from "./hours.js";
import { listToggle } from "./my-list-store.js";
import { chosenPosition, kmToNearest, sortLists } from "./near-me.js";
import { addressLine, everyPhone, hasHelpline, locations, phoneSaid, pointsOf, scheduleOf, schedulesOf, textNode, textOf } from "./record.js";
import { el } from "./dom.js";
import { dateWriter, fill, MONTH_DAY } from "./text.js";

const PAGE = 20;
const FIRST = 5; // a phone's first screen, and a little more

const TYPING_PAUSE_MS = 120;
const CHOICE_PAUSE_MS = 700; // a filter chosen by its arrow keys applies once they rest

class SearchPage {
  constructor(root) {
    this.root = root;
    this.filters = document.querySelector("[data-search-filters]");
    this.form = this.filters.closest("form");
    this.input = this.form.querySelector('input[name="q"]');
    this.status = root.querySelector("[data-search-status]");
    this.list = root.querySelector("[data-search-list]");
    this.more = root.querySelector("[data-search-more]");
    this.filtersSaid = root.querySelector("[data-search-filters-said]");
    this.printedPart = root.querySelector("[data-search-printed-part]");
    this.fallback = document.querySelector("[data-search-fallback]");
    this.crisis = document.querySelector("[data-crisis]");
    this.emptyBox = root.querySelector("[data-search-empty]");
    this.closedBox = root.querySelector("[data-search-closed]");
    this.lang = (document.documentElement.lang || "fr").slice(0, 2);
    this.texts = JSON.parse(root.dataset.texts);
    this.date = dateWriter(this.texts.locale, this.lang);
    this.day = dateWriter(this.texts.locale, this.lang, MONTH_DAY);
    this.hours = JSON.parse(root.dataset.hours);
    this.categories = JSON.parse(root.dataset.categories);
    this.week = JSON.parse(root.dataset.week);
    this.tz = root.dataset.tz;
    useOffsets(this.tz, JSON.parse(root.dataset.tzOffsets || "null"));
    this.holidays = holidaysOf(root);
    this.index = new SearchIndex(new URL(root.dataset.index, document.baseURI),
      new URL(root.dataset.root, document.baseURI), root.dataset.manifest ? JSON.parse(root.dataset.manifest) : null);
    this.run = 0;
  }

  start() {
    const params = new URLSearchParams(window.location.search);
    // As long as the box takes (its maxlength): an address can hold any length, and a search's
    // time grows with its words (2,000 words: seconds on a phone).
    this.input.value = (params.get("q") || "").slice(0, this.input.maxLength > 0 ? this.input.maxLength : undefined);
    for (const name of ["category", "region", "language"]) this.form.elements[name].value = params.get(name) || "";
    this.form.elements.open.checked = params.get("open") === "1";
    // Filters given in the address are shown open, but on a phone: there they took the whole
    // first screen ("see them all, nearest first" from a list), the summary's count says them.
    this.filters.open = this.activeFilters(this.chosen()).length > 0 && window.matchMedia("(min-width: 48em)").matches;
    let timer = null;
    this.input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => this.update(true), TYPING_PAUSE_MS); });
    // Arrowing through a closed list of choices (a keyboard's way of reading them) changes it
    // at each key: each searched and said its count, "20 organismes trouvés", "21...", "157...",
    // for categories never chosen (stop 82's probe). Chosen by key, it applies once the keys rest.
    let keyed = null; // the list a key was last pressed in, if that key may change it
    this.form.addEventListener("keydown", (event) => {
      keyed = event.target.tagName === "SELECT" && !["Enter", "Tab", "Escape"].includes(event.key) ? event.target : null;
    });
    this.form.addEventListener("change", (event) => {
      if (event.target === this.input) return;
      clearTimeout(timer);
      if (keyed === event.target) timer = setTimeout(() => this.update(), CHOICE_PAUSE_MS);
      else this.update();
      keyed = null;
    });
    this.form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); this.update(); });
    // A town or the device's position chosen: all the results in order of distance again.
    document.addEventListener("near-me:chosen", () => this.update());
    this.more.addEventListener("click", async () => {
      // The next results come above the button (or it goes): the focus goes to the first of them,
      // else Tab went on past them, or from the page's start when the button was hidden.
      const [shown, run] = [this.list.children.length, this.run];
      await this.showMore();
      if (run === this.run) this.list.children[shown]?.querySelector("a")?.focus();
    });
    this.update();
  }

  chosen() {
    const f = this.form.elements;
    return { q: this.input.value.trim(), category: f.category.value, region: f.region.value,
      language: f.language.value, open: f.open.checked };
  }

  // The filters in use, by name (the summary counts them; an empty list names them).
  activeFilters(chosen) {
    return ["category", "region", "language", "open"].filter((name) => chosen[name]);
  }

  // A filter in use as people read it: "Region: Laval", "Open now".
  filterLabel(name) {
    const field = this.form.elements[name];
    const title = this.form.querySelector(`label[for="${field.id}"]`).textContent.trim();
    return name === "open" ? title : fill(this.texts.filter_value, { filter: title, value: field.selectedOptions[0].textContent.trim() });
  }

  // A filter as the printout says it: "open now" with when it was printed (a printing probe:
  // on paper it read as true for good).
  printedFilter(name) {
    if (name !== "open") return this.filterLabel(name);
    const now = localIso(Date.now(), this.tz);
    return fill(this.texts.filter_value, { filter: this.filterLabel(name), value: `${this.day(now.slice(0, 10))}, ${formatTime(now.slice(11), this.lang)}` });
  }

  remember(chosen) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(chosen)) {
      if (value === true) params.set(key, "1"); else if (value) params.set(key, value);
    }
    const query = params.toString();
    window.history.replaceState(window.history.state, "", query ? `?${query}` : window.location.pathname); // quick-exit.js marks it
    languageSwitchKeeps(query); // the same search, filters included, in the other language
  }

  // `typing`: called as letters are typed, when a first letter or two that find nothing say
  // nothing yet; a query sent ("OD", "AA") or from the address is answered whatever its length.
  async update(typing = false) {
    const run = ++this.run;
    const chosen = this.chosen();
    this.remember(chosen);
    const crisis = showCrisisLines(this.crisis, chosen.q);  // at once, before any result: no fetch needed
    this.crisisSaid = crisis ? crisisLinesSaid(this.crisis) : "";
    this.emptyBox.hidden = true;
    const active = this.activeFilters(chosen).length;
    this.filters.querySelector("[data-filter-count]").textContent = active ? ` (${active})` : "";
    this.filtersSaid.textContent = active ? fill(this.texts.filters_said,
      { filters: this.activeFilters(chosen).map((name) => this.printedFilter(name)).join(" · ") }) : "";
    const filtering = chosen.category || chosen.region || chosen.language;
    if (!chosen.q && !filtering && !chosen.open) {
      this.clear("");
      return;
    }
    this.root.setAttribute("aria-busy", "true");
    // The first search loads the engine and the index (seconds on slow 3G): said, or the page
    // showed only "browse by category" meanwhile.
    if (chosen.q && !this.index.ready) this.say(this.texts.loading);
    if (chosen.q) this.index.prefetch(chosen.q); // its words' files while lunr.js loads: one round trip
    try {
      let docs;
      let message;
      let found;
      let missing = [];
      let tiers = null;
      this.note = "";
      this.placed = ""; // other names of a municipality searched as its own (search-engine.js withPlaces)
      await this.index.open();
      await breath();
      if (chosen.q) {
        // A word of a crisis line shown is never read as another word by a spelling guess ("in
        // danger" as "manger", "feeling hopeless" as "homeless"): the line is its answer, not food
        // banks or shelters under it; a misspelling the line lists ("suiside") as its own word
        // only. A need misspelt ("helth") keeps its guess.
        const guessable = crisis
          ? (word, guess) => !aWordOfTheLinesShown(this.crisis, word) || aWordOfTheLinesShown(this.crisis, guess) : null;
        const found = await this.index.search(chosen.q, true, guessable);
        await breath();
        if (run !== this.run) return;
        if (found.typing && typing && !filtering && !chosen.open) {
          this.clear(""); // a first letter: no "nothing found" between two keys
          return;
        }
        docs = found.hits.map((hit) => hit.doc);
        tiers = new Map(found.hits.map((hit) => [hit.doc, hit.tier]));
        missing = found.absent;
        if (found.missing.length) message = this.missingWords(found.missing);
        // Said with the count when some results are shown: they leave some words out.
        const rest = found.partial ? this.texts.some_words : this.texts.other_words;
        this.note = found.missing.length ? `${message} ${rest}` : found.partial ? rest : "";
        this.placed = (found.places || []).map(([word, place]) => fill(this.texts.place, { word: fill(this.texts.quoted, { word }), place })).join(" ");
        if (found.elsewhere) this.placed = [this.placed, this.texts.elsewhere].filter(Boolean).join(" ");
        if (found.guessed.length) { // results for words close to one typed: not what it says
          const close = this.wordsSaid(found.guessed, this.texts.guessed, this.texts.guessed_many);
          this.note = this.note ? `${this.note} ${close}` : close;
        }
      } else {
        docs = [...Array(this.index.manifest.listed ?? this.index.manifest.documents).keys()];
      }
      found = docs;
      if (filtering) docs = await this.filtered(docs, chosen, tiers);
      // None of the region's own: said, or they read as its own (twelve for the Gaspésie).
      if (chosen.region && docs.length && !(await this.anyOfRegion(docs, chosen.region))) {
        this.note = [this.note, this.texts.whole_territory].filter(Boolean).join(" ");
      }
      const position = chosenPosition();
      if (position && docs.length > 1) docs = await this.nearestFirst(docs, position);
      if (run !== this.run) return;
      this.pending = [...docs]; // showMore() takes them from it: `found` stays whole
      this.shown = 0;
      this.matched = 0;
      this.list.replaceChildren();
      this.list.hidden = true; // until results are in it
      await this.showMore(chosen.open, run);
      if (run !== this.run) return;
      // Also under a few results: "logement" on the English site found three thrift stores.
      const few = this.matched < FIRST;
      this.offerOtherLanguage(chosen.q && (few || Boolean(message)) ? chosen.q : "", this.matched > 0);
      // Optional: a file that cannot be read never takes the results away.
      const closed = chosen.q ? await this.index.closedNamed(chosen.q, missing).catch(() => []) : [];
      if (run !== this.run) return;
      this.showClosed(closed);
      if (!this.matched) {
        // Found, then emptied by the filters: not the spelling to check (said "Vérifiez
        // l'orthographe" over "banque alimentaire" in a region at night: a phone probe's).
        // (Words typed and all found: a word missing, or nothing typed, is said otherwise.)
        const emptied = chosen.q && !message && found.length && (filtering || chosen.open) ? this.texts.none_filtered : null;
        const none = closed.length && !filtering ? this.texts.none_active : emptied || message || this.texts.none;
        this.say([this.placed, none].filter(Boolean).join(" "));
        await this.explainEmpty(found, chosen, run);
      }
    } catch (error) {
      if (run !== this.run) return;
      console.warn("Search unavailable:", error);
      this.clear(this.texts.error);
      // Offline with another language saved: that is where to search, not the categories
      // below, which this device did not save either.
      if (chosen.q && (await this.offerSavedLanguage(chosen.q))) {
        if (run === this.run) this.say(this.texts.not_saved);
      } else if (!navigator.onLine && run === this.run) {
        // Offline and no language saved whole (a save cut short): not the categories below,
        // which are not saved either; the numbers to call.
        this.say(this.texts.not_saved_yet);
        this.fallback.hidden = true;
        this.emptyBox.querySelector("[data-search-empty-filters]").replaceChildren(); // an earlier search's
        this.emptyBox.hidden = false;
      }
    } finally {
      if (run === this.run) this.root.removeAttribute("aria-busy");
    }
  }

  // `tiers`: each result's rank before its score (search-engine.js), when a query found them.
  async filtered(docs, chosen, tiers = null) {
    const facets = await this.index.facets();
    const one = (slug) => (slug ? [slug] : []);
    // An organization serving the whole territory is in every region a person may choose.
    const kept = docs.filter(facets.matcher({ categories: one(chosen.category), regions: one(chosen.region),
      languages: one(chosen.language) }, { wholeTerritory: true }));
    if (!chosen.region || !kept.length) return kept;
    // Of results as relevant (their rank before the score: named by the words, active...), the
    // region's own first, then those serving the whole territory from elsewhere: a Montréal
    // soup kitchen came before Laval's own food counters for "banque alimentaire" in Laval.
    const here = facets.matcher({ regions: [chosen.region] });
    // Without a query, the temporarily closed ones last still (numbered from manifest.open).
    const open = (await this.index.described()).open ?? Infinity;
    const tier = (doc) => (tiers ? tiers.get(doc) ?? 0 : Number(doc >= open) * 32);
    const ordered = kept.map((doc, at) => [doc, at]).sort(([a, i], [b, j]) => tier(a) - tier(b) || here(b) - here(a) || i - j)
      .map(([doc]) => doc);
    return ordered;
  }

  // Whether one of the results is the region's own, not only serving the whole territory.
  async anyOfRegion(docs, region) {
    const here = (await this.index.facets()).matcher({ regions: [region] });
    return docs.some(here);
  }

  // The results in order of distance from the chosen position, all of them: sorting those
  // shown only (20 of 176 food banks) left the town's own on later pages. The active ones
  // first, then those temporarily closed, as near-me.js orders a list. A points file that
  // cannot be read leaves them in their order (placeDistances sorts those shown).
  async nearestFirst(docs, { lat, lon }) {
    const [points, manifest] = await Promise.all([this.index.points().catch(() => null), this.index.described()]);
    if (!points) return docs;
    const km = new Map(docs.map((doc) => [doc, kmToNearest(points[doc] || [], lat, lon)]));
    return [...docs].sort((a, b) => (a >= manifest.open) - (b >= manifest.open) || (km.get(a) - km.get(b)) || 0);
  }

  // Whether a record is open at `now`, at any of its places (null: no hours, or not active).
  openStatus(record, now) {
    const schedules = schedulesOf(record);
    return record.status === "active" && schedules.length ? statusOfAny(schedules, now, this.tz, this.holidays) : null;
  }

  // Whether any of `docs` passes the chosen filters (open now: their hours, read in batches).
  async anyLeft(docs, chosen) {
    let left = chosen.category || chosen.region || chosen.language ? await this.filtered(docs, chosen) : docs;
    if (!chosen.open) return left.length > 0;
    const now = new Date();
    while (left.length) {
      const batch = left.slice(0, 200);
      left = left.slice(200);
      const records = await this.index.cards(batch);
      if (batch.some((doc) => (this.openStatus(records.get(doc), now) || {}).state === "open")) return true;
    }
    return false;
  }

  // The same words on the search of each other language (none: hidden): under the count when
  // nothing is found, under the results when some are (the first one's number stays on a
  // phone's first screen).
  offerOtherLanguage(query, afterResults = false) {
    const others = [...this.root.querySelectorAll("[data-search-other]")];
    (afterResults ? this.more : this.status).after(...others);
    for (const other of others) {
      const link = other.querySelector("a");
      const target = new URL(link.href);
      const params = new URLSearchParams(window.location.search); // the filters too
      params.set("q", query);
      target.search = params.toString();
      link.href = target.href;
      other.hidden = !query;
    }
  }

  // This language's search could not load (offline, this language never saved): the same
  // words on the search of another language this device saved, if any.
  // Whether one is offered.
  // Only a language whose pack (search and every organization) is saved whole, as the service
  // worker notes it: a save cut short left each language's search page saved without its
  // index, and each one sent the person to the other.
  async offerSavedLanguage(query) {
    if (!("caches" in window)) return false;
    this.offerOtherLanguage(query);
    const state = await caches.match(new URL("__state", this.index.siteRoot).href).catch(() => null);
    const kept = state ? (await state.json().catch(() => ({}))).langs || [] : [];
    let offered = false;
    for (const other of this.root.querySelectorAll("[data-search-other]")) {
      const link = other.querySelector("a");
      const page = new URL(link.href);
      page.search = "";
      other.hidden = !kept.includes(link.hreflang) || !(await caches.match(page.href, { ignoreSearch: true }).catch(() => null));
      offered = offered || !other.hidden;
    }
    return offered;
  }

  // The organizations no longer active that the query names (search ranks none of them):
  // under the count, each with a link to its page, which names others of its kind.
  showClosed(closed) {
    this.closedBox.replaceChildren(...closed.map(({ id, name }) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = new URL(this.root.dataset.orgUrl.replace("SLUG", id), document.baseURI).href;
      link.textContent = this.texts.closed_link;
      item.append(fill(this.texts.closed, { name: fill(this.texts.quoted, { word: name }) }), " ", link);
      return item;
    }));
    this.status.after(this.closedBox);
    this.closedBox.hidden = !closed.length;
  }

  // A list emptied by filters is not a dead end: say which filter did it and offer to remove
  // it (or all of them); the 211 and the lines open day and night are shown below.
  // The help shows at once; the box is busy while the filters are weighed (records may
  // have to be read first).
  async explainEmpty(found, chosen, run) {
    this.emptyBox.hidden = false;
    const active = this.activeFilters(chosen);
    const note = this.emptyBox.querySelector("[data-search-empty-filters]");
    note.replaceChildren();
    if (!found.length || !active.length) {
      this.emptyBox.removeAttribute("aria-busy");
      return;
    }
    this.emptyBox.setAttribute("aria-busy", "true");
    const culprits = [];
    for (const name of active) {
      if (await this.anyLeft(found, { ...chosen, [name]: name === "open" ? false : "" })) culprits.push(name);
      if (run !== this.run) return;
    }
    const label = (name) => this.filterLabel(name);
    const remove = (names, text) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button button--secondary";
      button.textContent = text;
      button.addEventListener("click", () => {
        for (const name of names) {
          if (name === "open") this.form.elements.open.checked = false; else this.form.elements[name].value = "";
        }
        this.update();
        this.input.focus();
      });
      return button;
    };
    const sentence = document.createElement("p");
    const buttons = document.createElement("p");
    buttons.className = "search-empty__remove";
    if (culprits.length) {
      sentence.textContent = fill(culprits.length === 1 ? this.texts.emptied_by : this.texts.emptied_by_each,
        { filter: culprits.map(label).join(" · ") });
      for (const name of culprits) buttons.append(remove([name], fill(this.texts.remove, { filter: label(name) })));
    } else {
      sentence.textContent = this.texts.emptied_by_all;
      buttons.append(remove(active, this.texts.remove_all));
    }
    note.append(sentence, buttons);
    this.emptyBox.removeAttribute("aria-busy");
  }

  async showMore(openOnly = this.form.elements.open.checked, run = this.run) {
    // Next page of results; "open now" needs each result's hours, read in rank order. A
    // search's first results come in a batch of their own: on a weak connection they show
    // while the rest of the page downloads.
    const now = new Date();
    const nowIso = localIso(now.getTime(), this.tz);
    let added = 0;
    let size = this.matched ? PAGE : FIRST;
    while (added < PAGE && this.pending.length) {
      const batch = this.pending.splice(0, size);
      size = PAGE;
      const records = await this.index.cards(batch);
      if (run !== this.run) return;
      const fragment = document.createDocumentFragment();
      for (const [i, doc] of batch.entries()) {
        if (added === PAGE) {
          this.pending.unshift(...batch.slice(i)); // read again for the next page
          break;
        }
        const record = records.get(doc);
        const open = this.openStatus(record, now);
        if (openOnly && !(open && open.state === "open")) continue;
        fragment.append(this.card(record, open, nowIso));
        added += 1;
        this.matched += 1;
      }
      this.list.append(fragment);
      this.list.hidden = !this.list.children.length; // an empty list was announced as one
      if (added < PAGE && this.pending.length) {
        this.showCount(openOnly); // the first ones, before the rest
        await breath();
        if (run !== this.run) return;
      }
    }
    this.showCount(openOnly);
  }

  // "the word «x»" or "the words «x» and «y»", quoted as the page's language quotes.
  missingWords(missing) {
    // A postal code alone, of an area no organization is in: not a "word", and the person's
    // town or region finds what serves them.
    if (missing.length === 1 && areaOf(missing[0].toLowerCase())) {
      return fill(this.texts.postal_missing, { word: fill(this.texts.quoted, { word: missing[0].toUpperCase() }) });
    }
    return this.wordsSaid(missing, this.texts.missing, this.texts.missing_many);
  }

  // A text about one word ({word}) or several ({words}), each quoted.
  wordsSaid(list, one, many) {
    const quoted = list.map((word) => fill(this.texts.quoted, { word }));
    if (quoted.length === 1) return fill(one, { word: quoted[0] });
    return fill(many, { words: new Intl.ListFormat(this.lang, { type: "conjunction" }).format(quoted) });
  }

  showCount(openOnly) {
    this.more.hidden = !this.pending.length;
    // As many as are left, up to a page: "Show 20 more" added 3 (a phone probe's). With "open now",
    // at most that many: those left are not all open.
    if (!this.more.hidden) this.more.textContent = fill(this.texts.more, { count: Math.min(PAGE, this.pending.length) });
    const total = this.pending.length && !openOnly ? this.matched + this.pending.length : this.matched;
    const plus = this.pending.length && openOnly ? "+" : "";
    // Intl only for a number that needs its separators: its first use costs tens of ms. The
    // count line and the printout's note write it alike ("1 856", not "1856" a line below).
    const count = total < 1000 ? String(total) : new Intl.NumberFormat(this.lang).format(total);
    if (this.matched) {
      const said = total === 1 ? this.texts.count_one : fill(this.texts.count, { count: count + plus });
      this.say([said, this.placed, this.note].filter(Boolean).join(" "));
    }
    this.printedPart.textContent = this.matched && this.pending.length
      ? fill(this.texts.printed_part, { shown: this.matched, count: count + plus }) : "";
    this.fallback.hidden = this.matched > 0 && !this.note; // results for some words only: the categories too
    this.placeDistances();
  }

  card(record, open, nowIso) {
    const item = document.createElement("li");
    item.className = "org-card";
    if (record.status !== "active") item.dataset.closed = "";  // near-me.js keeps these last
    item.dataset.points = pointsOf(record);
    const heading = document.createElement("h2");
    heading.className = "org-card__name";
    const link = document.createElement("a");
    link.href = new URL(this.root.dataset.orgUrl.replace("SLUG", record.id), document.baseURI).href;
    link.append(textNode(record.name));
    heading.append(link);
    const meta = document.createElement("p");
    meta.className = "org-card__meta";
    // As the lists' cards (partials/org_list.html): the category and the town on one line.
    const where = el("span", { class: "org-card__where" });
    const category = this.categories[record.categories[0]];
    const town = ((locations(record)[0] || {}).address || {}).city;
    if (category) where.append(el("span", { class: "org-card__category" }, category));
    if (town) where.append(el("span", { class: "org-card__town" }, town));
    const distance = el("span", { class: "org-card__distance", "data-distance": "" });
    distance.hidden = true;
    where.append(distance);
    meta.append(where);
    if (this.texts.statuses[record.status]) {
      const badge = document.createElement("span");
      badge.className = "badge badge--warning";
      badge.textContent = this.texts.statuses[record.status];
      meta.append(badge);
    }
    item.append(heading, meta);
    // As the static lists: the first number to call and whether it is open now, then "keep".
    const actions = document.createElement("div");
    actions.className = "org-card__actions";
    if (record.call) {
      const call = document.createElement("a");
      call.className = "call-link";
      call.href = `tel:${record.call.tel}`;
      call.textContent = record.call.number;
      actions.append(call);
    }
    if (open) {
      const line = document.createElement("p");
      line.className = "open-now";
      line.dataset.state = open.state;
      const said = describe(open, nowIso, this.lang, this.hours);
      line.textContent = hasHelpline(record) ? onSite(said, open, this.hours) : said;
      actions.append(line);
    }
    actions.append(listToggle(record.id, this.texts.keep, textOf(record.name).text));
    item.append(actions);
    // On paper, every number with what it is, the website and the e-mail, then where and when
    // (partials/org_list.html, templating.py printed_contact): a printed search has no page to open.
    const contact = [
      ...everyPhone(record).map((phone) => {
        const said = phoneSaid(phone, this.texts.phone_types);
        return [el("span", {}, phone.number), said ? [" (", said, ")"] : ""];
      }),
      ...[record.website, record.email].filter(Boolean).map((web) => [web]),
    ];
    if (contact.length) {
      item.append(el("p", { class: "org-card__contact print-only" }, ...contact.flatMap((part, i) => (i ? [" · ", ...part] : part))));
    }
    // Past its review date (partials/org_list.html): said on paper, as the kept list says it.
    if (record.stale && record.status !== "inactive") {
      item.append(el("p", { class: "org-card__stale print-only" }, el("strong", {}, this.texts.stale), " ",
        fill(this.texts.stale_date, { date: this.date(record.last_verified) })));
    }
    const places = locations(record);
    if (places.length) {
      const today = localIso(Date.now(), this.tz).slice(0, 10);
      item.append(el("div", { class: "org-card__places print-only" }, places.map((place) => {
        const where = addressLine(place);
        const { texts, names } = this.week;
        const week = weekInShort(scheduleOf(place), texts, names.days, this.lang);
        const special = specialInShort(scheduleOf(place), texts, this.week.special_days, this.lang, today, this.day);
        return el("p", {}, where ? `${where} — ` : "", week,
          special ? [el("br"), el("strong", {}, texts.special), " ", special] : null);
      })));
    }
    return item;
  }

  placeDistances() {
    const position = chosenPosition();
    if (position) sortLists(position.lat, position.lon, this.lang);
  }

  // What the status line says is read out: the crisis lines shown first. A box that appears is
  // not read out, and a screen reader heard "136 organizations found" alone for "I want to die".
  // They are read, not shown: the box above shows them, and shown twice they pushed the first
  // result 230 px down a 320 px phone (stop 78's probe).
  say(text) {
    const said = [this.crisisSaid, text].filter(Boolean).join(" ");
    // Rewritten only when it changes: the same lines, rewritten at each key, were read out again.
    if (this.status.textContent === said) return;
    if (!this.crisisSaid) {
      this.status.textContent = said;
      return;
    }
    const lines = document.createElement("span");
    lines.className = "visually-hidden";
    lines.textContent = text ? `${this.crisisSaid} ` : this.crisisSaid;
    this.status.replaceChildren(lines, text);
  }

  clear(message) {
    this.list.replaceChildren();
    this.list.hidden = true;
    this.more.hidden = true;
    this.offerOtherLanguage("");
    this.showClosed([]);
    this.say(message);
    this.printedPart.textContent = "";
    this.fallback.hidden = false;
  }
}

const root = document.querySelector('[data-module="search"]');
if (root) new SearchPage(root).start();
