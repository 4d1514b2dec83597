// Sorting and filtering for the Compare page's table. The table is plain Markdown output, so readers
// without JavaScript get all of it. Here: headings sort (tablesort, vendored), and filters built from the
// JSON the build writes narrow the rows. Filters live in the URL query (?hw=apple&q=llama) and survive a reload.
(() => {
  "use strict";
  const marker = document.querySelector(".guide-row");
  const table = marker && marker.closest("table");
  const tools = document.querySelector(".guide-table-tools");
  const source = document.getElementById("guide-table-filters");
  if (!table || !table.tHead || !tools || !source) return;
  const rows = [...table.tBodies[0].rows];
  const noun = source.dataset.noun || "engines"; // what the rows are: engines, devices

  // A column whose every cell holds a numeric data-sort (the stars) sorts by that number, not by its text
  // ("71k" < "9.8k" as text). tablesort reads data-sort from the cell itself, so copy it up.
  if (window.Tablesort) {
    Tablesort.extend("guide-number", () => false, (a, b) => Number(b) - Number(a));
    [...table.tHead.rows[0].cells].forEach((th, i) => {
      const keys = rows.map((tr) => tr.cells[i] && tr.cells[i].querySelector("[data-sort]"));
      if (!keys.every((k) => k && k.dataset.sort.trim() !== "" && !isNaN(k.dataset.sort))) return;
      rows.forEach((tr, r) => (tr.cells[i].dataset.sort = keys[r].dataset.sort));
      th.dataset.sortMethod = "guide-number";
    });
    new Tablesort(table);
  }

  const el = (tag, props, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };
  const params = new URLSearchParams(location.search);
  const controls = {};
  const field = (key, label, control, hint) => {
    control.id = `guide-filter-${key}`;
    control.name = key;
    controls[key] = control;
    const parts = [el("label", { htmlFor: control.id }, label), control];
    if (hint) {
      control.setAttribute("aria-describedby", `${control.id}-hint`);
      parts.push(el("small", { id: `${control.id}-hint` }, hint));
    }
    return el("div", { className: "guide-filter" }, ...parts);
  };

  const filters = JSON.parse(source.textContent);
  const name = el("input", { type: "search", autocomplete: "off", value: params.get("q") || "" });
  const fields = [field("q", "Name", name)];
  for (const f of filters) {
    const select = el("select", {}, el("option", { value: "" }, f.any), ...f.options.map(([value, text]) => el("option", { value }, text)));
    if (f.options.some(([value]) => value === params.get(f.key))) select.value = params.get(f.key);
    fields.push(field(f.key, f.label, select, f.hint));
  }
  const status = el("p", { className: "guide-filter-status", role: "status" });
  const clear = el("button", { type: "button", className: "md-button" }, "Clear filters");
  const form = el("form", { className: "guide-filters" }, ...fields, el("div", { className: "guide-filter guide-filter-actions" }, clear), status);
  form.setAttribute("aria-label", `Filter ${noun}`);

  const apply = () => {
    const wanted = filters.map((f) => [f.key, controls[f.key].value]).filter(([, value]) => value);
    const text = name.value.trim().toLowerCase();
    let shown = 0;
    for (const tr of rows) {
      const data = tr.querySelector(".guide-row").dataset;
      const match =
        (!text || data.name.toLowerCase().includes(text)) &&
        wanted.every(([key, value]) => data[key].split(" ").includes(value));
      tr.hidden = !match;
      shown += match;
    }
    status.textContent = shown ? `Showing ${shown} of ${rows.length} ${noun}.` : `Nothing matches these filters (of ${rows.length} ${noun}).`;
    const url = new URL(location.href);
    for (const [key, control] of Object.entries(controls)) {
      const value = control.value.trim();
      if (value) url.searchParams.set(key, value);
      else url.searchParams.delete(key);
    }
    history.replaceState(history.state, "", url);
  };

  form.addEventListener("input", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  clear.addEventListener("click", () => {
    for (const control of Object.values(controls)) control.value = "";
    apply();
    name.focus();
  });
  tools.append(form);
  tools.hidden = false;
  apply();
})();
