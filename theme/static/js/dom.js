// Building elements in the pages drawn by scripts (offline record, my list, printed directory).

// <tag attributes...>children</tag>; null, undefined and "" children are left out.
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) element.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === "") continue;
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}

// Items with a separator between them.
export function joined(items, separator = ", ") {
  return items.flatMap((item, i) => (i ? [separator, item] : [item]));
}

// The language switch leads to the same page as it stands (a search and its filters, a shared
// list, a directory's choices), in the other language: the same query, whose values (slugs,
// ids) are the same in both. A list shared in French lost its organizations in English.
export function languageSwitchKeeps(query) {
  for (const link of document.querySelectorAll(".language-switch a")) {
    const target = new URL(link.href);
    target.search = query;
    link.href = target.href;
  }
}
