// Répertoire's service worker. plugins/offline writes PRECACHE above this line at each build.
//
// One cache per build ("repertoire-<site path>-<version>"): a page is always served with the
// data of the build it belongs to, never a mix. A new build installs beside the old one,
// copying what did not change and fetching the rest; it takes over when the visitor accepts
// the update (or on their next visit); the old cache is then deleted. If the download fails,
// the new worker is discarded and the previous copy stays whole and in use; what was
// downloaded is kept for the next try (a connection that dropped every minute never
// finished an update of 3 MB that started again from nothing). The site's path is in the
// names: two sites of one origin (/a/ and /b/, a preview beside the published site) each
// keep their own copy, where each deleted the other's.
// Strategies: pages network first (short wait) then the copy; content-named files cache
// first; other files network first then the copy, but from the copy at once for a page that
// came from the copy (a weak signal: its style sheet and scripts would each wait in turn).
/* global PRECACHE */

const ROOT = new URL("./", self.location).href;
const PREFIX = `repertoire-${new URL(ROOT).pathname}-`;
const CACHE = PREFIX + PRECACHE.version;
const STATE = PREFIX + "state"; // which languages this device keeps, and saved in full
const LEGACY = /^repertoire-(?:[0-9a-f]+|state)$/; // the names before, of one site an origin
const CONTENT_NAMED = /-[0-9a-f]{12}\.json$/;
const PAGE_WAIT_MS = 4000;
// The pages (by client id) this worker answered from the copy: their files come from it too,
// at once, and never from a newer build (one copy, one build). The last few are enough.
const FROM_COPY = new Set();
const FROM_COPY_KEPT = 32;
function fromCopy(clientId, answer) {
  if (clientId && answer) {
    FROM_COPY.add(clientId);
    if (FROM_COPY.size > FROM_COPY_KEPT) FROM_COPY.delete(FROM_COPY.values().next().value);
  }
  return answer;
}
// Downloads at once: six when the person asked to save everything; two when the worker keeps
// the site on its own (its first install, an update, the language pack), which on slow 3G made
// the person's next pages three times slower for minutes (stop 78's offline probe).
const PARALLEL = 6;
const BACKGROUND = 2;
const STOPPED = "stopped";

const absolute = (url) => new URL(url, ROOT).href;

async function readState() {
  const response = await (await caches.open(STATE)).match(absolute("__state"))
    || await caches.match(absolute("__state"), { cacheName: "repertoire-state" }); // kept by an older worker
  return response ? response.json() : { langs: [], full: [] };
}

async function writeState(state) {
  await (await caches.open(STATE)).put(absolute("__state"), new Response(JSON.stringify(state)));
}

// This site's other copies (the one in use, an update left unfinished), each with what it holds:
// an unchanged file is copied from one of them rather than downloaded again.
async function otherCopies() {
  const names = (await caches.keys()).filter((name) => name !== CACHE && name !== STATE
    && (name.startsWith(PREFIX) || LEGACY.test(name)));
  return Promise.all(names.reverse().map(async (name) => {
    const cache = await caches.open(name);
    return { cache, known: await revisions(cache) };
  }));
}

async function revisions(cache) {
  const response = cache && await cache.match(absolute("__revisions"));
  return response ? response.json() : {};
}

// Put entries [url, revision] into the cache: unchanged ones copied from `olds` (otherCopies),
// the others fetched. Reports progress; throws if any download fails, having noted what it
// saved: a save tried again after the connection dropped fetched every file again.
// `stopped()`: whether to stop before the next file (a save stopped throws STOPPED).
async function fill(cache, entries, olds = [], progress = () => {}, parallel = BACKGROUND, stopped = () => false) {
  const known = await revisions(cache);
  let done = 0;
  let next = 0;
  let failed = false;
  async function worker() {
    while (next < entries.length && !failed) {
      if (stopped()) {
        failed = true;
        throw new Error(STOPPED);
      }
      const [url, revision, size] = entries[next++];
      const key = absolute(url);
      let counted = 0; // what this save put on the device (nothing for a file kept already)
      if (!(key in known && known[key] === revision && await cache.match(key))) {
        counted = size || 0;
        const old = olds.find((other) => other.known[key] === revision);
        let copy = old ? await old.cache.match(key) : null;
        // A content-named file is the same wherever it was kept (one the page fetched, noted nowhere).
        for (const other of CONTENT_NAMED.test(key) && !copy ? olds : []) {
          copy = await other.cache.match(key);
          if (copy) break;
        }
        try {
          const response = copy || await fetch(key, { cache: "no-cache" });
          if (!response.ok) throw new Error(`${response.status} ${key}`);
          // A language pack's files have no size in the list: "10 MB" was said of a save that
          // downloaded 14 (an offline probe's). Their length, as the host says it.
          if (!counted) counted = Number(response.headers.get("content-length")) || 0;
          await cache.put(key, response);
        } catch (error) {
          failed = true; // the others end with the file they are on, which is noted
          throw error;
        }
        known[key] = revision;
      }
      done += 1;
      progress(done, entries.length, counted);
    }
  }
  // Every worker ended before what is saved is noted: one still fetching when the first
  // failed saved its file unnoted, and the next try fetched it again.
  const ended = await Promise.allSettled(Array.from({ length: parallel }, worker));
  const failure = ended.find((result) => result.status === "rejected");
  if (failure) {
    await cache.put(absolute("__revisions"), new Response(JSON.stringify(known))).catch(() => {}); // a full device
    throw failure.reason;
  }
  await cache.put(absolute("__revisions"), new Response(JSON.stringify(known)));
}

async function everything(lang) {
  const response = await fetch(absolute(PRECACHE.everything[lang]));
  if (!response.ok) throw new Error(`${response.status} ${response.url}`);
  return (await response.json()).map(([url, size, revision]) => [url, revision, size]);
}

// A failed download throws: this worker is discarded, the previous copy stays the one in use,
// and what this one saved waits in its cache for the next try (fill skips it).
async function install() {
  const state = await readState();
  await dropUnfinished();
  const olds = await otherCopies();
  const cache = await caches.open(CACHE);
  await fill(cache, PRECACHE.shell, olds);
  for (const lang of state.langs) if (PRECACHE.packs[lang]) await fill(cache, PRECACHE.packs[lang], olds);
  for (const lang of state.full) if (PRECACHE.everything[lang]) await fill(cache, await everything(lang), olds);
  await cache.put(absolute("__complete"), new Response("1")); // dropUnfinished keeps it
  await writeState(state); // under this worker's name, when an older one kept it
}

// Updates that earlier builds' workers left unfinished are dropped (this one's own goes on),
// where a flaky connection and daily builds kept one more copy of the site each.
async function dropUnfinished() {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE || name === STATE) continue;
    // Kept whole: the copy in use, an update waiting for the visitor (each noted complete).
    if (!(await (await caches.open(name)).match(absolute("__complete")))) await caches.delete(name);
  }
}

self.addEventListener("install", (event) => event.waitUntil(install()));

self.addEventListener("activate", (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) {
    if ((name.startsWith(PREFIX) || LEGACY.test(name)) && name !== CACHE && name !== STATE) await caches.delete(name);
  }
  await self.clients.claim();
})()));

async function tell(clientId, message) {
  const client = clientId && await self.clients.get(clientId);
  if (client) client.postMessage(message);
}

async function keep(lang, clientId) {
  // The language pack, fetched once the page has loaded: offline search and every organization.
  if (!PRECACHE.packs[lang]) return;
  const state = await readState();
  await fill(await caches.open(CACHE), PRECACHE.packs[lang]);
  if (!state.langs.includes(lang)) state.langs.push(lang);
  await writeState(state);
  await tell(clientId, { type: "kept", lang, version: PRECACHE.version });
}

// The save under way ({langs, done, total, bytes, clients, ended}), if any: a page opened
// meanwhile shows its progress, and a request for the same languages joins it (one left and
// came back: 340 files were fetched twice); one for others follows it.
let saving = null;

async function save(langs, clientId) {
  // "Save for offline": everything of the chosen languages, with progress.
  while (saving) {
    if (langs.every((lang) => saving.langs.includes(lang))) {
      saving.clients.add(clientId);
      return;
    }
    await saving.ended;
  }
  let end;
  const under = { langs, done: 0, total: 0, bytes: 0, stopped: false, clients: new Set([clientId]), ended: new Promise((resolve) => { end = resolve; }) };
  saving = under;
  let result;
  try {
    const state = await readState();
    const cache = await caches.open(CACHE);
    const lists = [];
    for (const lang of langs) lists.push(...(PRECACHE.packs[lang] || []).map(([u, r]) => [u, r, 0]), ...await everything(lang));
    await fill(cache, lists, [], (done, total, size) => {
      Object.assign(under, { done, total, bytes: under.bytes + size });
      if (done % 25 === 0 || done === total) {
        for (const id of under.clients) tell(id, { type: "save-progress", done, total, bytes: under.bytes });
      }
    }, PARALLEL, () => under.stopped);
    for (const lang of langs) {
      if (!state.langs.includes(lang)) state.langs.push(lang);
      if (!state.full.includes(lang)) state.full.push(lang);
    }
    await writeState(state);
    result = { type: "saved", langs };
  } catch (error) {
    result = under.stopped ? { type: "save-stopped" } : { type: "save-failed", message: String(error) };
  }
  saving = null; // before anything is awaited: a request from now on is a save of its own
  end();
  await Promise.all([...under.clients].map((id) => tell(id, result)));
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const clientId = event.source && event.source.id;
  if (data.type === "skip-waiting") self.skipWaiting();
  else if (data.type === "keep") event.waitUntil(keep(data.lang, clientId));
  else if (data.type === "save") event.waitUntil(save(data.langs || [], clientId));
  else if (data.type === "stop") {
    if (saving) saving.stopped = true;
  }
  else if (data.type === "state") {
    if (saving) saving.clients.add(clientId); // told its progress and its end too
    event.waitUntil(readState().then((state) => {
      // Read after the state: a save that ended meanwhile is not said to be under way.
      const progress = saving && { done: saving.done, total: saving.total, bytes: saving.bytes };
      return tell(clientId, { type: "state", state, saving: progress, version: PRECACHE.version });
    }));
  }
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });
}

function recordPageFor(url) {
  // The page that draws an organization from saved data, for /<lang>/<organizations>/<slug>/.
  for (const [lang, pattern] of Object.entries(PRECACHE.organizations)) {
    const [before, after] = absolute(pattern).split("SLUG");
    if (url.startsWith(before) && url.endsWith(after) && url.length > before.length + after.length) {
      return absolute(PRECACHE.record_page[lang]);
    }
  }
  return null;
}

// The "not saved" page of the language of `url` (its first path segment), or the first one.
function notSavedPageFor(url) {
  const pages = PRECACHE.not_saved || {};
  const lang = Object.keys(pages).find((code) => url.startsWith(absolute(`${code}/`))) || Object.keys(pages)[0];
  return lang ? absolute(pages[lang]) : null;
}

// A saved page is kept from build to build while what it shows is the same: its alert banner
// and "data as of" date, between comments naming them, are today's (PRECACHE.late, by language
// and folder depth: their links are relative). An alert must reach a phone that is offline.
const LATE_PART = /<!--(alerts|as-of)-->[\s\S]*?<!--\/\1-->/g;

// Read once per worker (one build, one file), when a page first comes from the copy.
let lateParts = null;
async function todaysParts() {
  if (!lateParts) {
    const late = PRECACHE.late && await (await caches.open(CACHE)).match(absolute(PRECACHE.late));
    lateParts = late ? await late.json() : null; // not saved yet: asked again next time
  }
  return lateParts;
}

async function withToday(saved, url) {
  try {
    const late = await todaysParts();
    if (!late) return saved;
    const html = await saved.clone().text();
    const lang = (/<html[^>]*\slang="([^"]+)"/.exec(html) || [])[1];
    const depth = url.slice(ROOT.length).split("?")[0].split("/").length - 1;
    const parts = (late[lang] || {})[String(depth)];
    if (!parts) return saved;
    const today = html.replace(LATE_PART, (whole, name) => (name in parts ? `<!--${name}-->${parts[name]}<!--/${name}-->` : whole));
    if (today === html) return saved;
    const headers = new Headers(saved.headers);
    headers.delete("content-length");
    return new Response(today, { status: saved.status, statusText: saved.statusText, headers });
  } catch (error) {
    return saved; // as it was saved, rather than no page
  }
}

async function isOwnNotFound(response) {
  if (response.status !== 404 && response.status !== 410) return false;
  return (await response.clone().text()).includes("data-not-found");
}

async function page(request, clientId) {
  const fetching = fetch(request);
  fetching.catch(() => {}); // answered below, or not waited for
  const cache = await caches.open(CACHE);
  const url = request.url.split("#")[0];
  const recordPage = recordPageFor(url.split("?")[0]);
  const copy = await cache.match(url, { ignoreSearch: true }) || (recordPage && await cache.match(recordPage));
  let answer = null;
  try {
    // A saved copy stands in for a slow network after a short wait; without one, the network
    // is waited for: on a slow connection a page never saved went to "not saved", whose own
    // check came back here, and round again (a tester's phone loaded one bulletin 112 times).
    answer = copy ? await withTimeout(fetching, PAGE_WAIT_MS) : await fetching;
    // The site says the page is gone (an organization deleted, an address mistyped): its own
    // answer, not a copy saved before (a deleted organization was shown active, its number to
    // call). Its own page only: a host's 404 (a site unpublished, misconfigured) hides no copy.
    if (answer.ok || (await isOwnNotFound(answer))) return answer;
  } catch (error) { /* offline, or slow with a copy: the copy */ }
  if (copy) return fromCopy(clientId, await withToday(copy, url));
  if (answer) return answer; // the site answered (a page that does not exist): its own answer
  // No answer, and a page this device did not save: say so (not "not found"); ?from= keeps its address.
  const notSaved = notSavedPageFor(url);
  if (notSaved && await cache.match(notSaved)) {
    return Response.redirect(`${notSaved}?from=${encodeURIComponent(url)}`, 303);
  }
  const missing = await cache.match(absolute(PRECACHE.not_found));
  return missing || Response.error();
}

async function contentNamed(request) {
  const cache = await caches.open(CACHE);
  const saved = await cache.match(request);
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone()); // never changes: keep it
  return response;
}

async function networkFirst(request, clientId) {
  const cache = await caches.open(CACHE);
  if (FROM_COPY.has(clientId)) {
    const saved = await cache.match(request);
    if (saved) return saved;
  }
  try {
    return await fetch(request);
  } catch (error) {
    const saved = await cache.match(request);
    if (saved) return saved;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT)) return; // map tiles and the like
  if (request.mode === "navigate") event.respondWith(page(request, event.resultingClientId));
  else if (CONTENT_NAMED.test(new URL(request.url).pathname)) event.respondWith(contentNamed(request));
  else event.respondWith(networkFirst(request, event.clientId));
});
