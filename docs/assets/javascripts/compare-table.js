// Sorting and filtering for the Compare page's table. The table is plain Markdown output, so readers
// without JavaScript get all of it. Here: headings sort (tablesort, vendored), and the filter form the build
// writes above the table narrows the rows. Filters live in the URL query (?hw=apple&name=llama) and survive a reload;
// not in ?q=, which Material's search takes as a query to open with.
(() => {
  "use strict";
  const marker = document.querySelector(".guide-row");
  const table = marker && marker.closest("table");
  const tools = document.querySelector(".guide-table-tools");
  const form = tools && tools.querySelector(".guide-filters");
  if (!table || !table.tHead || !form) return;
  const rows = [...table.tBodies[0].rows];
  const noun = form.dataset.noun; // what the rows are: engines, devices

  // A column whose every cell holds a numeric data-sort (the stars) sorts by that number, not by its text
  // ("71k" < "9.8k" as text). tablesort reads data-sort from the cell itself: a key on an element inside the cell
  // (where Markdown cells keep it) is copied up.
  if (window.Tablesort) {
    Tablesort.extend("guide-number", () => false, (a, b) => Number(b) - Number(a));
    const key = (cell) => cell && ("sort" in cell.dataset ? cell : cell.querySelector("[data-sort]"));
    [...table.tHead.rows[0].cells].forEach((th, i) => {
      const keys = rows.map((tr) => key(tr.cells[i]));
      if (!keys.every((k) => k && k.dataset.sort.trim() !== "" && !isNaN(k.dataset.sort))) return;
      rows.forEach((tr, r) => (tr.cells[i].dataset.sort = keys[r].dataset.sort));
      th.dataset.sortMethod = "guide-number";
    });
    new Tablesort(table);
  }

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
