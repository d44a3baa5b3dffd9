// The printable directory a counsellor composes: the organizations of the chosen categories
// (all by default) and territory, from the directory's record data (also saved for offline
// use), drawn as the build prints a region's PDF (plugins/printed/): cover, contents, one
// section per category, each organization once (under its primary category if chosen, else
// its first chosen one), by name. The browser's print window prints it or saves it as PDF.
import { el, languageSwitchKeeps } from "./dom.js";
import { EntryWriter, foldName } from "./entry.js";
import { textOf } from "./record.js";
import { SearchIndex } from "./search-engine.js";
import { fill } from "./text.js";

const MANY_PAGES = 50; // more, and the status says how to print fewer

class PrintedPage {
  constructor(root) {
    this.root = root;
    this.lang = (document.documentElement.lang || "fr").slice(0, 2);
    this.texts = JSON.parse(root.dataset.texts);
    this.entry = JSON.parse(root.dataset.entry);
    this.writer = new EntryWriter(this.entry, this.lang);
    this.territories = JSON.parse(root.dataset.territories);
    this.index = new SearchIndex(new URL(root.dataset.index, document.baseURI), new URL(root.dataset.root, document.baseURI));
    this.form = document.querySelector("[data-printed-form]");
    this.status = root.querySelector("[data-printed-status]");
    this.output = root.querySelector("[data-printed-output]");
    this.printButton = root.querySelector("[data-print]");
  }

  async start() {
    this.printButton.addEventListener("click", () => window.print());
    const params = new URLSearchParams(window.location.search);
    const categories = params.getAll("category").filter((slug) => slug in this.entry.names.categories);
    const territory = params.get("territory") || "";
    const title = (params.get("title") || "").trim();
    for (const box of this.form.elements.category) box.checked = categories.includes(box.value);
    this.form.elements.territory.value = territory in this.territories ? territory : "";
    this.form.elements.title.value = title;
    if (![...params.keys()].length) return;
    languageSwitchKeeps(params.toString()); // the same choices, in the other language
    this.status.textContent = this.texts.loading;
    // Made, the page comes back at its top: on a phone the form is screens long, and the
    // directory below it looked like nothing had happened (a helper's probe).
    this.status.scrollIntoView({ block: "start" });
    try {
      const docs = await this.chosen(categories, this.form.elements.territory.value);
      const records = await this.index.records(docs);
      const sections = this.sections([...records.values()], categories);
      const pages = this.draw(sections, categories, this.form.elements.territory.value, title);
      const count = sections.reduce((sum, s) => sum + s.records.length, 0);
      const ready = count === 1 ? this.texts.ready_one : fill(this.texts.ready, { num: count });
      // How much paper, before it is printed: everything, unchosen, made 649 pages and said
      // only "print it" (stop 82's print probe).
      const paper = [fill(pages === 1 ? this.texts.page_one : this.texts.pages, { pages }),
        pages > MANY_PAGES ? this.texts.fewer : ""].filter(Boolean).join(" ");
      this.status.textContent = count ? `${ready} ${paper}` : this.texts.none;
      this.printButton.hidden = !count;
    } catch (error) {
      console.warn("Directory data unavailable:", error);
      this.status.textContent = this.texts.error;
    }
  }

  // Documents of the chosen categories and territory (plugins/search_index facets).
  async chosen(categories, territory) {
    const [facets, manifest] = await Promise.all([this.index.facets(), this.index.described()]);
    const [, kind, mrc, region] = this.territories[territory] || [];
    // A region: the organizations in it, as in its PDF (not those serving the whole territory).
    // A municipality: organizations located there, or serving it, its MRC or its region.
    const matches = facets.matcher(!territory ? { categories }
      : kind === "region" ? { categories, regions: [territory] }
        : { categories, places: [territory, mrc, region].filter(Boolean) });
    const listed = manifest.listed ?? facets.size;  // documents past it are no longer active
    return [...Array(listed).keys()].filter(matches);
  }

  sections(records, categories) {
    const order = Object.keys(this.entry.names.categories).filter((slug) => !categories.length || categories.includes(slug));
    const members = new Map(order.map((slug) => [slug, []]));
    for (const record of records) {
      const home = record.categories.find((slug) => members.has(slug));
      if (home) members.get(home).push(record);
    }
    const key = (record) => foldName(textOf(record.name).text);
    return order.filter((slug) => members.get(slug).length).map((slug) => ({
      slug,
      name: this.entry.names.categories[slug],
      // Temporarily closed ones after the others, as in the build's PDFs (records.sorted_by_name).
      records: members.get(slug).sort((a, b) => (a.status !== "active") - (b.status !== "active")
        || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
    }));
  }

  draw(sections, categories, territory, title) {
    const t = this.texts;
    const count = sections.reduce((sum, s) => sum + s.records.length, 0);
    const territoryName = territory ? this.territories[territory][0] : t.all_territory;
    const categoriesLabel = categories.length
      ? Object.keys(this.entry.names.categories).filter((slug) => categories.includes(slug))
        .map((slug) => this.entry.names.categories[slug]).join(", ")
      : t.all_categories;
    const cover = el("header", { class: "printed__cover" },
      el("p", { class: "printed__site" }, t.site),
      el("h2", { class: "printed__title" }, title || t.title),  // the page's h1 names the tool
      el("p", { class: "printed__choices" }, `${t.territory} ${territoryName}`, el("br"), `${t.categories} ${categoriesLabel}`),
      el("p", { class: "printed__date" }, `${t.date} ${count === 1 ? t.count_one : fill(t.count, { num: count })}`),
      el("p", { class: "printed__help" }, t.help));
    const contents = el("nav", { class: "printed__toc", "aria-labelledby": "printed-contents" },
      el("h2", { id: "printed-contents" }, t.contents),
      el("ol", {}, sections.map((s) => el("li", {}, el("a", { href: `#section-${s.slug}` }, `${s.name} (${s.records.length})`)))));
    const parts = sections.map((s) => el("section", { class: "printed__section", id: `section-${s.slug}`,
      "aria-labelledby": `section-${s.slug}-title` },
    el("h2", { id: `section-${s.slug}-title` }, s.name),
    el("div", { class: "printed__entries" }, s.records.map((record) => this.writer.element(record, 3)))));
    this.footPages(`${t.site} · ${territoryName} · ${t.date}`);
    const paper = el("div", { class: "printed", "data-printed": "" }, cover, contents, parts);
    this.output.replaceChildren(count ? paper : "");
    document.body.classList.toggle("has-printed", Boolean(count));
    return count ? this.numberPages(paper, contents) : 0;
  }

  // Each printed page's foot names the directory, as the PDFs' do (printed_region.typ): a
  // sheet handed over alone said "12 / 37" and nothing else. A rule of the page's own style
  // sheet (the page's policy allows no <style>), replaced at each drawing.
  footPages(said) {
    const sheet = [...document.styleSheets].find((s) => s.href && s.href.includes("/lists.css"));
    if (!sheet) return;
    const rules = [...sheet.cssRules];
    const old = rules.findIndex((rule) => rule.cssText.includes("@bottom-left"));
    if (old >= 0) sheet.deleteRule(old);
    sheet.insertRule(`@page { @bottom-left { content: ${JSON.stringify(said)}; font-size: 8pt; color: #555; } }`,
      sheet.cssRules.length);
  }

  // Page numbers in the contents, and how many pages in all. A hidden copy, as wide and styled as on paper, is cut into
  // pages as the print would be: an entry kept whole, a heading with its first entry. The
  // page is counted 5 % shorter than it is, and each page found starts with a forced break,
  // so that the printer never needs a break of its own and the numbers hold.
  numberPages(paper, contents) {
    const copy = paper.cloneNode(true);
    for (const node of copy.querySelectorAll("[id]")) node.removeAttribute("id");
    const probe = el("div", { class: "printed-measure__page" });
    const box = el("div", { class: "printed-measure", "aria-hidden": "true" }, probe, copy);
    document.body.append(box);
    const usable = probe.getBoundingClientRect().height * 0.95;
    const blocks = [];  // [element in the page, top in the copy], a heading with its first entry
    const copies = copy.querySelectorAll(".printed__section"), originals = paper.querySelectorAll(".printed__section");
    copies.forEach((section, i) => {
      const entries = section.querySelectorAll(".printed__entries > *");
      const real = originals[i].querySelectorAll(".printed__entries > *");
      blocks.push([originals[i], section.getBoundingClientRect().top, i]);
      entries.forEach((entry, j) => { if (j) blocks.push([real[j], entry.getBoundingClientRect().top, -1]); });
    });
    const end = copy.getBoundingClientRect().bottom;
    box.remove();
    let page = 3, used = 0;  // the cover and the contents take a page each
    const starts = [];
    blocks.forEach(([element, top, section], k) => {
      const height = (k + 1 < blocks.length ? blocks[k + 1][1] : end) - top;
      element.classList.remove("page-start");
      if (used > 0 && used + height > usable) {
        page += 1;
        used = 0;
        element.classList.add("page-start");
      }
      if (section >= 0) starts[section] = page;
      used += height;
      while (used > usable) {  // taller than a page: it breaks where it must
        page += 1;
        used -= usable;
      }
    });
    contents.querySelectorAll("li").forEach((item, i) =>
      item.append(" ", el("span", { class: "printed__page" }, `· p. ${starts[i]}`)));
    return page + 1; // how many, with the page after them (partials/printed_help.html)
  }
}

const root = document.querySelector('[data-module="printed"]');
if (root) new PrintedPage(root).start();
