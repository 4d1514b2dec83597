// Sorting and filtering for the tables of the Compare page (one) and the Hardware page (one per kind of device).
// The tables are in the page's HTML, so readers without JavaScript get all of them. Here: headings sort
// (tablesort, vendored; each table on its own), and the filter form the build writes above the tables narrows
// the rows of all of them. Filters live in the URL query (?hw=apple&name=llama) and survive a reload;
// not in ?q=, which Material's search takes as a query to open with.
(() => {
  "use strict";
  const tables = [...new Set([...document.querySelectorAll(".guide-row")].map((marker) => marker.closest("table")))];
  const tools = document.querySelector(".guide-table-tools");
  const form = tools && tools.querySelector(".guide-filters");
  if (!tables.length || !tables.every((table) => table.tHead) || !form) return;
  const rows = tables.flatMap((table) => [...table.tBodies[0].rows]);
  const noun = form.dataset.noun; // what the rows are: engines, devices

  // A column whose every cell holds a numeric data-sort (the stars) sorts by that number, not by its text
  // ("71k" < "9.8k" as text). tablesort reads data-sort from the cell itself: a key on an element inside the cell
  // (where Markdown cells keep it) is copied up.
  if (window.Tablesort) {
    Tablesort.extend("guide-number", () => false, (a, b) => Number(b) - Number(a));
    const key = (cell) => cell && ("sort" in cell.dataset ? cell : cell.querySelector("[data-sort]"));
    for (const table of tables) {
      const body = [...table.tBodies[0].rows];
      [...table.tHead.rows[0].cells].forEach((th, i) => {
        const keys = body.map((tr) => key(tr.cells[i]));
        if (!keys.every((k) => k && k.dataset.sort.trim() !== "" && !isNaN(k.dataset.sort))) return;
        body.forEach((tr, r) => (tr.cells[i].dataset.sort = keys[r].dataset.sort));
        th.dataset.sortMethod = "guide-number";
      });
      new Tablesort(table);
    }
  }
  // A table with no row left goes out of view with its heading (the Hardware page's wrappers name it).
  const sections = tables.map((table) => {
    const wrapper = table.closest("[data-heading]");
    return { table, parts: wrapper ? [wrapper, document.getElementById(wrapper.dataset.heading)].filter(Boolean) : [] };
  });

  // The form is in the page's HTML (guide/templates/table_tools.html.j2); a link's query sets it.
  const params = new URLSearchParams(location.search);
  const controls = Object.fromEntries([...form.elements].filter((c) => c.name).map((c) => [c.name, c]));
  const name = controls.name;
  const selects = Object.values(controls).filter((c) => c.tagName === "SELECT");
  for (const [key, control] of Object.entries(controls)) {
    const wanted = params.get(key) || "";
    if (control === name || [...control.options].some((o) => o.value === wanted)) control.value = wanted;
  }
  const status = form.querySelector(".guide-filter-status");
  const clear = form.querySelector(".guide-filter-actions button");

  const apply = () => {
    const wanted = selects.map((c) => [c.name, c.value]).filter(([, value]) => value);
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
    for (const { table, parts } of sections) {
      const empty = [...table.tBodies[0].rows].every((tr) => tr.hidden);
      for (const part of parts) part.hidden = empty;
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
  tools.hidden = false;
  apply();
})();
