// The step-by-step engine chooser on the Choose page.
// The tree is the JSON the build writes from data/decision-tree.yaml (the same data as the flowchart);
// each leaf's picks are the Markdown-rendered lists in .guide-chooser-leaves. The answers given so far
// live in the URL as ?path=yes.no.production (each answer's slug), so a link reopens the same answers.
(() => {
  "use strict";
  const box = document.querySelector(".guide-chooser");
  const source = document.getElementById("guide-chooser-data");
  if (!box || !source) return;
  const tree = JSON.parse(source.textContent);
  const trail = box.querySelector(".guide-chooser-trail");
  const step = box.querySelector(".guide-chooser-step");
  const live = box.querySelector("[aria-live]");

  const el = (tag, props, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };
  const button = (text, onClick, className = "md-button", hidden = "") => {
    const b = el("button", { type: "button", className }, text);
    if (hidden) b.append(el("span", { className: "guide-sr" }, hidden));
    b.addEventListener("click", onClick);
    return b;
  };

  // Follow answer slugs from the first question; stop at the first one that does not fit.
  const walk = (slugs) => {
    let id = tree.start;
    const steps = [];
    for (const slug of slugs) {
      const answers = tree.nodes[id].answers || [];
      const answer = answers.find((a) => a.slug === slug);
      if (!answer) return { id, steps, unmatched: slug };
      steps.push({ question: tree.nodes[id], answer });
      id = answer.next;
    }
    return { id, steps };
  };

  const readPath = () => (new URLSearchParams(location.search).get("path") || "").split(".").filter(Boolean);
  const writePath = (slugs, push) => {
    const url = new URL(location.href);
    if (slugs.length) url.searchParams.set("path", slugs.join("."));
    else url.searchParams.delete("path");
    history[push ? "pushState" : "replaceState"](null, "", url);
  };

  // A reader's choice: a new history entry (the browser's Back undoes it) and focus on what comes next.
  const go = (slugs) => {
    writePath(slugs, true);
    show(slugs, true);
  };

  function show(slugs, moveFocus) {
    const state = walk(slugs);
    const path = state.steps.map((s) => s.answer.slug);
    if (state.unmatched !== undefined) writePath(path, false); // keep the part of a shared link that still fits

    trail.replaceChildren(
      ...state.steps.map((s, i) =>
        el(
          "li",
          {},
          el("span", {}, s.question.label + " "),
          el("strong", {}, s.answer.label),
          " ",
          button("Change", () => go(path.slice(0, i)), "md-button guide-chooser-change", ` your answer to: ${s.question.label}`),
        ),
      ),
    );
    trail.hidden = !state.steps.length;

    const node = tree.nodes[state.id];
    const heading = el("h3", { id: "guide-chooser-current", tabIndex: -1 });
    const parts = [];
    if (state.unmatched !== undefined) {
      parts.push(el("p", { className: "guide-chooser-note" }, `The link's answer “${state.unmatched}” does not fit this question, so the chooser stops here.`));
    }
    parts.push(heading);
    if (node.answers) {
      heading.textContent = node.label;
      if (node.help) parts.push(el("p", {}, node.help));
      const group = el("div", { className: "guide-chooser-answers", role: "group" });
      group.setAttribute("aria-labelledby", heading.id);
      group.append(...node.answers.map((a) => button(a.label, () => go([...path, a.slug]), "md-button md-button--primary")));
      parts.push(group);
      live.textContent = "";
    } else {
      heading.textContent = "Recommended for your answers";
      const picks = document.querySelector(`.guide-chooser-leaves [data-leaf="${CSS.escape(state.id)}"]`);
      parts.push(el("p", { className: "guide-chooser-category" }, node.category));
      if (picks) parts.push(...[...picks.children].map((child) => child.cloneNode(true)));
      live.textContent = `Recommended: ${node.names.join(", ")}.`;
    }
    if (path.length) {
      parts.push(
        el(
          "p",
          { className: "guide-chooser-nav" },
          button("Back", () => go(path.slice(0, -1))),
          " ",
          button("Start over", () => go([])),
        ),
      );
    }
    step.replaceChildren(...parts);
    if (moveFocus) heading.focus();
  }

  addEventListener("popstate", () => show(readPath(), box.contains(document.activeElement)));
  box.hidden = false;
  show(readPath(), false);
})();
