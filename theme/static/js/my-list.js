// The "my list" page: the organizations kept on this device (my-list-store.js), drawn from
// the directory's record data (also saved for offline use), to reorder, remove, print,
// download as CSV and share as a link or a QR code. A shared link (?ids=a,b,c) shows its
// list without touching the device's own until the person keeps or adds it.
import qrcode from "../vendor/qrcode-generator/qrcode.js";
import { el, languageSwitchKeeps } from "./dom.js";
import { toCsv } from "./csv.js";
import { EntryWriter } from "./entry.js";
import { listIds, onListChange, saveIds } from "./my-list-store.js";
import { firstCall, phoneHref, textOf } from "./record.js";
import { SearchIndex } from "./search-engine.js";
import { fill } from "./text.js";

const SHARED = "ids";

class MyListPage {
  constructor(root) {
    this.root = root;
    this.lang = (document.documentElement.lang || "fr").slice(0, 2);
    this.texts = JSON.parse(root.dataset.texts);
    this.writer = new EntryWriter(JSON.parse(root.dataset.entry), this.lang);
    this.index = new SearchIndex(new URL(root.dataset.index, document.baseURI), new URL(root.dataset.root, document.baseURI));
    this.list = root.querySelector("[data-list]");
    this.status = root.querySelector("[data-list-status]");
    this.tools = root.querySelector("[data-tools]");
    this.records = new Map();
    // Records not saved in this language but in the other (a French pack saved, the English
    // list opened offline): their names and numbers, and a link to their saved pages.
    this.elsewhere = new Map();
    const { otherIndex, otherLang, otherPage } = root.dataset;
    this.other = otherIndex ? { index: new SearchIndex(new URL(otherIndex, document.baseURI),
      new URL(root.dataset.root, document.baseURI)), lang: otherLang, page: otherPage } : null;
    const shared = new URLSearchParams(window.location.search).get(SHARED);
    this.shared = shared === null ? null : [...new Set(shared.split(",").map((id) => id.trim()).filter(Boolean))];
  }

  ids() {
    return this.shared || listIds();
  }

  start() {
    const button = (name, action) => this.root.querySelector(`[data-${name}]`).addEventListener("click", action);
    button("print", () => window.print());
    button("csv", () => this.download());
    button("copy", () => this.copy());
    button("share", () => navigator.share({ title: document.title, url: this.link() }).catch(() => {}));
    this.undoBox = this.root.querySelector("[data-undo-box]");
    button("undo", () => this.undoRemoval());
    button("clear", () => {
      if (!window.confirm(this.texts.confirm_clear)) return;
      this.offerUndo(null);
      saveIds([]);
      this.announce(this.texts.cleared);
      this.focusStatus(); // its button went with the list
    });
    button("keep", () => {
      // Keeping a shared list replaces the device's own: asked first, as emptying it is.
      const own = listIds();
      if (own.length && own.join() !== this.shared.join() && !window.confirm(this.texts.confirm_replace)) return;
      this.keep(this.shared);
    });
    button("merge", () => this.keep([...listIds(), ...this.shared]));
    this.list.addEventListener("click", (event) => this.act(event));
    onListChange(() => { // here or in another tab
      // Changed elsewhere since the removal, the list kept for "Undo" is no longer the one to
      // put back: it would drop what the other tab added (a reviewer's).
      if (this.undone && !this.shared && listIds().join() !== this.undone.after.join()) this.offerUndo(null);
      if (!this.shared) this.draw();
    });
    // A list opened from a shared link reads its organizations from the network first: on
    // slow 3G, seconds of a page saying nothing (stop 81's probe: 15 s).
    if (this.ids().length) this.status.textContent = this.texts.loading;
    this.draw();
  }

  async keep(ids) {
    this.offerUndo(null);
    saveIds(ids);
    this.shared = null;
    window.history.replaceState(window.history.state, "", window.location.pathname); // quick-exit.js marks it
    const drawn = this.draw();
    this.announce(this.texts.kept);
    await drawn;
    this.focusStatus(); // its button went with the shared list's box
  }

  // The focus on what was done when the button pressed is gone: it fell to the page, and the
  // next Tab went to the footer (stop 77's probe).
  focusStatus() {
    this.status.tabIndex = -1;
    this.status.focus();
  }

  async draw() {
    const ids = this.ids();
    const missing = ids.filter((id) => !this.records.has(id));
    await Promise.all(missing.map(async (id) => {
      try {
        this.records.set(id, (await this.index.record(id)) || "gone");
      } catch (error) {
        this.records.set(id, "unavailable"); // offline, and the data not saved yet
        const saved = this.other && await this.other.index.record(id).catch(() => null);
        if (saved) this.elsewhere.set(id, saved);
      }
    }));
    const focusedItem = document.activeElement && this.list.contains(document.activeElement)
      ? document.activeElement.closest("li") : null;
    const focused = focusedItem ? [focusedItem.dataset.id, document.activeElement.dataset.action,
      [...this.list.children].indexOf(focusedItem)] : null;
    this.list.replaceChildren(...ids.map((id, position) => this.item(id, position, ids.length)));
    this.root.querySelector("[data-shared-actions]").hidden = !this.shared;
    const lead = document.querySelector("[data-own-lead]"); // it says what the device's list is
    if (lead) lead.hidden = Boolean(this.shared);
    this.tools.hidden = !ids.length;
    // A shared list is not the device's: it cannot empty the device's list (it did, while the
    // shared organizations stayed on screen), and its count is said as shared, not "in your list".
    this.root.querySelector("[data-clear]").hidden = Boolean(this.shared);
    languageSwitchKeeps(this.shared ? `${SHARED}=${this.shared.join(",")}` : "");
    if (!this.pendingMessage) {
      // Whose list it is, said once it is drawn (a screen reader heard "Chargement..." and no more).
      this.status.textContent = this.shared
        ? (this.shared.length === 1 ? this.texts.shared_one : fill(this.texts.shared, { count: this.shared.length }))
        : !ids.length ? this.texts.empty
        : ids.length === 1 ? this.texts.count_one : fill(this.texts.count, { count: ids.length });
    }
    this.pendingMessage = null;
    this.root.querySelector("[data-share]").hidden = !navigator.share;
    this.shareBox(ids);
    if (focused) {
      // The item moved: its own button, at an end too ("down" of the last, which says so): the
      // focus went to the item now in its place, and the next press moved that one.
      const own = this.list.querySelector(`li[data-id="${CSS.escape(focused[0] || "")}"]`);
      const target = own && (own.querySelector(`[data-action="${focused[1]}"]`) || own.querySelector("[data-action]"));
      // Its item removed: the same button of the item now in its place (or of the last one).
      const items = [...this.list.children];
      const near = items[Math.min(focused[2], items.length - 1)];
      const nearby = near && (near.querySelector(`[data-action="${focused[1]}"]`) || near.querySelector("[data-action]"));
      if (!nearby) this.status.tabIndex = -1; // the list emptied: its status says so
      (target || nearby || this.status).focus();
    }
    if (this.focusOn) {
      const restored = this.list.querySelector(`li[data-id="${CSS.escape(this.focusOn)}"] [data-action="remove"]`);
      this.focusOn = null;
      if (restored) restored.focus();
      else this.focusStatus();
    }
  }

  name(id) {
    const record = this.records.get(id);
    if (typeof record === "object") return textOf(record.name).text;
    return this.elsewhere.has(id) ? textOf(this.elsewhere.get(id).name).text : id;
  }

  // An organization saved in the other language only: its name, leading to its saved page, and
  // its number to call, both in that language ("This organization is saved in another language").
  savedElsewhere(id, controls) {
    const record = this.elsewhere.get(id);
    const name = textOf(record.name);
    const call = firstCall(record);
    const lang = { lang: this.other.lang };
    return el("article", { class: "entry" }, el("h2", { class: "entry__name", lang: name.lang || this.other.lang }, name.text),
      controls,
      el("p", {}, this.texts.other, " ", el("a", { href: new URL(this.other.page.replace("SLUG", id), document.baseURI).href,
        hreflang: this.other.lang, ...lang }, name.text)),
      call ? el("p", {}, el("a", { class: "entry__number", href: phoneHref(call), ...lang }, call.number)) : null);
  }

  item(id, position, count) {
    const record = this.records.get(id);
    const name = this.name(id);
    // At an end, "up" or "down" says so rather than being disabled: disabled, it lost the focus
    // to the other, and the next Enter moved the organization back (stop 82's probe).
    const control = (action, label, disabled = false) => el("button", {
      type: "button", class: "button button--small", "data-action": action, "aria-label": fill(label, { name }),
      "aria-disabled": disabled ? "true" : null }, { up: "↑", down: "↓", remove: "✕" }[action]);
    const controls = el("p", { class: "entry__controls no-print" }, control("up", this.texts.up, position === 0),
      control("down", this.texts.down, position === count - 1), control("remove", this.texts.remove));
    const body = typeof record === "object" ? this.writer.element(record, 2, controls)
      : this.elsewhere.has(id) ? this.savedElsewhere(id, controls)
      : el("article", { class: "entry" }, el("h2", { class: "entry__name" }, id), controls,
        el("p", {}, record === "gone" ? this.texts.gone : this.texts.unavailable));
    return el("li", { "data-id": id }, body);
  }

  act(event) {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    const id = button.closest("li").dataset.id;
    const ids = this.ids();
    const from = ids.indexOf(id);
    const action = button.dataset.action;
    if (action === "remove") {
      const before = [...ids];
      ids.splice(from, 1);
      this.offerUndo({ ids: before, after: [...ids], name: this.name(id) });
      this.pendingMessage = fill(this.texts.removed, { name: this.name(id) });
    } else {
      const to = action === "up" ? from - 1 : from + 1;
      if (to < 0 || to >= ids.length) { // nothing redrawn: said again at each press
        const said = fill(to < 0 ? this.texts.first : this.texts.last, { name: this.name(id) });
        this.status.textContent = "";
        window.setTimeout(() => { this.status.textContent = said; }, 50);
        return;
      }
      this.offerUndo(null);
      [ids[from], ids[to]] = [ids[to], ids[from]];
      this.pendingMessage = fill(this.texts.moved, { name: this.name(id), position: to + 1, count: ids.length });
    }
    this.announce(this.pendingMessage);
    this.replace(ids);
  }

  replace(ids) {
    if (this.shared) {
      this.shared = ids;
      this.draw();
    } else {
      saveIds(ids); // draws through onListChange
    }
  }

  // The list as it was before the last removal (`before`: {ids, after, name}: the list before
  // and after it, whose), offered back until something else is done; null: nothing to undo.
  offerUndo(before) {
    this.undone = before;
    if (!this.undoBox) return;
    this.undoBox.hidden = !before;
    // Said beside the button (its status line is at the top, off screen after a removal below).
    this.undoBox.querySelector("[data-undo-said]").textContent = before ? fill(this.texts.removed, { name: before.name }) : "";
    // What it puts back, for a screen reader ("Annuler" alone is "Cancel"), its words first.
    const button = this.undoBox.querySelector("button");
    if (before) button.setAttribute("aria-label", fill(this.texts.undo_label, { name: before.name }));
    else button.removeAttribute("aria-label");
  }

  undoRemoval() {
    const before = this.undone;
    if (!before) return;
    this.offerUndo(null);
    this.announce(fill(this.texts.restored, { name: before.name }));
    // Its button is gone: the focus goes to the entry put back, where the person is (on the
    // status, at the list's top, the page jumped screens up: a reviewer's).
    this.focusOn = before.ids.find((id) => !before.after.includes(id)) || null;
    this.replace(before.ids);
  }

  announce(message) {
    this.pendingMessage = message;
    this.status.textContent = message;
  }

  link(ids = this.ids()) {
    const url = new URL(window.location.pathname, window.location.origin);
    url.searchParams.set(SHARED, ids.join(","));
    return url.href.replace(/%2C/g, ",");
  }

  shareBox(ids) {
    if (!ids.length) return;
    const link = this.link(ids);
    this.root.querySelector("[data-share-link]").value = link;
    const box = this.root.querySelector("[data-qr]");
    const code = qrCodeOf(link);
    // Past some 2,900 characters (a list of about 80) no QR code holds the link: the link
    // alone is offered, and said. The library threw there, and the focus fell to the page.
    box.closest("figure").hidden = !code;
    this.root.querySelector("[data-qr-too-long]").hidden = Boolean(code);
    if (code) qrSvg(box, code, this.texts.qr);
    else box.replaceChildren();
  }

  async copy() {
    const input = this.root.querySelector("[data-share-link]");
    try {
      await navigator.clipboard.writeText(input.value);
    } catch (error) {
      input.select(); // older browsers: the person copies the selected link
      document.execCommand?.("copy");
    }
    this.announce(this.texts.copied);
  }

  download() {
    // An organization saved only in the other language is a row too, in that language's words:
    // offline, a counsellor's list lost it.
    const rows = this.ids().map((id) => (typeof this.records.get(id) === "object" ? this.records.get(id)
      : this.elsewhere.get(id))).filter(Boolean).map((record) => this.writer.row(record));
    const blob = new Blob([toCsv([this.writer.list.headers, ...rows])], { type: "text/csv;charset=utf-8" });
    const link = el("a", { href: URL.createObjectURL(blob), download: this.texts.file });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }
}

const root = document.querySelector('[data-module="my-list"]');
if (root) new MyListPage(root).start();

// The QR code of a text: error correction M (a scratched screen still reads), L when the
// text is too long for M; null when it is too long for any.
function qrCodeOf(text) {
  for (const level of ["M", "L"]) {
    try {
      const code = qrcode(0, level);
      code.addData(text);
      code.make();
      return code;
    } catch (error) {
      // too long at this level
    }
  }
  return null;
}

// The code as one SVG path of its dark modules, four modules of quiet zone around: drawn
// here, as SVG allows (the library's own tag gives a rect attributes SVG does not have).
// Parsed as HTML, the markup is SVG by its tag; it holds numbers only, the label is set apart.
function qrSvg(box, code, label) {
  const count = code.getModuleCount();
  const size = count + 8;
  let path = "";
  for (let row = 0; row < count; row += 1) {
    for (let column = 0; column < count; column += 1) {
      if (code.isDark(row, column)) path += `M${column + 4} ${row + 4}h1v1h-1z`;
    }
  }
  box.innerHTML = `<svg viewBox="0 0 ${size} ${size}" role="img" shape-rendering="crispEdges">`
    + `<rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
  const svg = box.querySelector("svg");
  svg.setAttribute("aria-label", label);
  // Three pixels a module at least: a list of 30 or more drawn 192 px wide on a computer's
  // screen (1.6 px a module) could not be scanned (a helper's probe). Never wider than the page.
  svg.style.setProperty("--qr-width", `${Math.max(12, (size * 3) / 16)}rem`);
}
