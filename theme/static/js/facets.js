// Each document's categories, regions, languages and places: the facets file that
// plugins/search_index/index.py (_facets) writes. The only reader of its layout in the browser:
// the search filters and the printable directory ask by name, so a change of the layout is
// made here and in index.py.

// Where each field sits in a document's entry.
const POSITIONS = { categories: 0, regions: 1, languages: 2, places: 3 };
// The region id of an organization serving the whole territory.
const WHOLE_TERRITORY = -1;

export class Facets {
  // `manifest` names the categories and regions; `file` is the facets file as fetched.
  constructor(manifest, file) {
    this.docs = file.docs;
    this.names = { categories: manifest.categories, regions: manifest.regions, languages: file.languages,
      places: file.places };
  }

  get size() {
    return this.docs.length;
  }

  // A document's facets by name, as slugs (language codes for languages); `wholeTerritory`
  // when it serves every region.
  of(doc) {
    const entry = this.docs[doc];
    const named = {};
    for (const [field, position] of Object.entries(POSITIONS)) {
      const ids = field === "regions" ? entry[position].filter((id) => id !== WHOLE_TERRITORY) : entry[position];
      named[field] = ids.map((id) => this.names[field][id]);
    }
    named.wholeTerritory = entry[POSITIONS.regions].includes(WHOLE_TERRITORY);
    return named;
  }

  // A test of a document number: true when, for each field chosen (`{categories: [slugs],
  // regions, languages, places}`, an empty or missing list choosing nothing), it has one of
  // the slugs. With `wholeTerritory`, an organization serving every region is in each.
  matcher(chosen, { wholeTerritory = false } = {}) {
    const tests = Object.entries(chosen).filter(([, slugs]) => slugs?.length).map(([field, slugs]) => {
      if (!(field in POSITIONS)) throw new Error(`no facet ${field}`);
      // A slug the file does not name matches no document (not every one).
      const wanted = new Set(slugs.map((slug) => this.names[field].indexOf(slug)).filter((id) => id >= 0));
      if (field === "regions" && wholeTerritory) wanted.add(WHOLE_TERRITORY);
      const position = POSITIONS[field];
      return (entry) => entry[position].some((id) => wanted.has(id));
    });
    return (doc) => tests.every((test) => test(this.docs[doc]));
  }
}
