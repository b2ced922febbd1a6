// @ts-check
// DOM helpers for widgets that write Python's view model into the page: the [data-kb-out] slots,
// chart shapes (SVG from koensbalance.maaltal.chart and its kin) and table rows. Text only
// (textContent, createElementNS); shape tags and attributes outside the chart's set are dropped.

const SVG = "http://www.w3.org/2000/svg";
const SVG_TAGS = new Set(["line", "path", "text", "circle"]);
const SVG_ATTRS = new Set(["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "d", "width", "height", "class",
  "text-anchor"]);

/** Each [data-kb-out="a.b"] slot in `root` shows result.a.b. @param {Element} root @param {any} result */
export function fillSlots(root, result) {
  for (const slot of root.querySelectorAll("[data-kb-out]")) {
    const value = String(slot.getAttribute("data-kb-out")).split(".")
      .reduce((/** @type {any} */ v, key) => (v == null ? v : v[key]), result);
    slot.textContent = value == null ? "" : String(value);
  }
}

/** The chart's shapes into its <g>, only of the element names the chart may use.
 * @param {Element} group @param {any[]} shapes @param {Set<string>} [tags] */
export function drawShapes(group, shapes, tags = SVG_TAGS) {
  group.replaceChildren(...shapes.filter((shape) => tags.has(shape.tag)).map((shape) => {
    const element = document.createElementNS(SVG, shape.tag);
    for (const [name, value] of Object.entries(shape.attrs)) {
      if (SVG_ATTRS.has(name)) element.setAttribute(name, String(value));
    }
    if (shape.text) element.textContent = shape.text;
    return element;
  }));
}

/** @param {string} tag @param {string} text @param {string} [scope] */
export function cell(tag, text, scope) {
  const element = document.createElement(tag);
  if (scope) element.setAttribute("scope", scope);
  element.textContent = text;
  return element;
}

/** Column headers and rows (the first cell of a row is its header); returns the new rows.
 * @param {Element} head @param {Element} body @param {string[]} columns @param {string[][]} rows */
export function fillTable(head, body, columns, rows) {
  head.replaceChildren(...columns.map((text) => cell("th", text, "col")));
  const trs = rows.map((row) => {
    const tr = document.createElement("tr");
    tr.append(...row.map((text, column) => (column ? cell("td", text) : cell("th", text, "row"))));
    return tr;
  });
  body.replaceChildren(...trs);
  return trs;
}
