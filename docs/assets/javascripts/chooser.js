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

  // The inline fit check (at a question whose answers carry estimator verdicts): model, format, context and
  // device in the URL under the calculator's names, so the recommendation can hand them on.
  const FIT_KEYS = ["model", "format", "context", "device"];
  const estimatorScript = document.querySelector("script[data-guide-estimator]");
  let estimatorData = null;
  const loadEstimator = () =>
    (estimatorData = estimatorData || fetch(estimatorScript.dataset.guideEstimator).then((r) => r.json()));

  const fitState = (data, values) => {
    const context = Number(values.context);
    return { ...values, context, memory_gb: null, bandwidth_gb_s: null, batch: 1, gpus: 1, split: "", engine: "", kv_cache_type: "f16",
      prompt_tokens: Number.isInteger(context) && context > 0 ? Math.min(data.prompt_tokens, context) : 1 };
  };
  // The check's inputs from the URL, when they make a valid request.
  const readFit = (data) => {
    const params = new URLSearchParams(location.search);
    if (!FIT_KEYS.every((key) => params.has(key))) return null;
    const state = fitState(data, Object.fromEntries(FIT_KEYS.map((key) => [key, params.get(key)])));
    return window.guideEstimator.estimate(data, state).ok ? state : null;
  };
  const writeFit = (state) => {
    const url = new URL(location.href);
    for (const key of FIT_KEYS) url.searchParams.set(key, String(state[key]));
    history.replaceState(null, "", url);
  };
  const select = (id, label, groups, value) => {
    const control = el("select", { id });
    for (const [name, options] of groups) {
      const group = el("optgroup", { label: name });
      group.append(...options.map(([v, text]) => el("option", { value: v, selected: v === value }, text)));
      control.append(group);
    }
    return [el("label", { htmlFor: id }, label), control];
  };

  function fitCheck(node, answersGroup) {
    const panel = el("div", { className: "guide-chooser-fit" }, el("p", {}, "Not sure? Let the estimator answer: pick a model, its weight format, the context you need and your GPU."));
    const answer = el("p", { className: "guide-chooser-fit-answer", role: "status" });
    loadEstimator().then((data) => {
      const E = window.guideEstimator;
      const start = readFit(data) || fitState(data, tree.fit_defaults);
      const byFamily = Object.entries(data.families).map(([id, family]) => [family.name, data.formats.filter((f) => f.family === id).map((f) => [f.id, f.name])]).filter(([, o]) => o.length);
      const kinds = node.fit.devices.map((kind) => [data.kinds[kind], data.devices.filter((d) => d.kind === kind).map((d) => [d.id, d.name])]);
      const models = [["Models", data.models.map((m) => [m.id, m.name]).sort((a, b) => a[1].localeCompare(b[1]))]];
      const fields = [select("guide-fit-model", "Model", models, start.model), select("guide-fit-format", "Weight format", byFamily, start.format),
        [el("label", { htmlFor: "guide-fit-context" }, "Context (tokens)"), el("input", { id: "guide-fit-context", inputMode: "numeric", value: String(start.context) })],
        select("guide-fit-device", "GPU", kinds, start.device)];
      const check = button("Check", () => run(true), "md-button");
      const inputs = el("div", { className: "guide-chooser-fit-fields" }, ...fields.map((pair) => el("div", {}, ...pair)));
      inputs.addEventListener("change", () => run(false));
      panel.append(inputs, check, answer);
      const run = (announce) => {
        const values = Object.fromEntries(FIT_KEYS.map((key) => [key, document.getElementById("guide-fit-" + key).value]));
        const state = fitState(data, values);
        const out = E.estimate(data, state);
        for (const b of answersGroup.querySelectorAll("button")) b.classList.remove("guide-chooser-suggested");
        if (!out.ok) {
          answer.textContent = Object.values(out.errors)[0];
          return;
        }
        const r = out.result, m = r.memory;
        const device = data.devices.find((d) => d.id === state.device);
        const slug = node.fit.answers[r.fits];
        const picked = node.answers.find((a) => a.slug === slug);
        const verdicts = { yes: "it fits", offload: "it fits only with part of it in system memory", no: "it does not fit" };
        answer.textContent = `Estimate: ${E.gib(m.weights_bytes)} of weights + ${E.gib(m.kv_cache_bytes)} of KV cache + ${E.gib(m.overhead_bytes)} of working memory = ${E.gib(m.total_bytes)}, against ${E.gib(m.available_bytes)} on the ${device.name}: ${verdicts[r.fits]}. Suggested answer: ${picked.label}.`;
        const suggested = [...answersGroup.querySelectorAll("button")].find((b) => b.textContent === picked.label);
        if (suggested) suggested.classList.add("guide-chooser-suggested");
        writeFit(state);
        if (announce && suggested) suggested.focus();
      };
      if (readFit(data)) run(false);
    });
    return panel;
  }

  // Under a recommendation: the calculator with the check's inputs, and a command for each recommended engine.
  function leafExtras(node) {
    const extras = el("div", { className: "guide-chooser-launch" });
    loadEstimator().then((data) => {
      const fit = readFit(data);
      const query = new URLSearchParams(fit ? Object.fromEntries(FIT_KEYS.map((key) => [key, String(fit[key])])) : {});
      const link = el("a", { href: box.dataset.calculator + (fit ? "?" + query : "") }, fit ? "Open your model and GPU in the calculator" : "Check memory and speed in the calculator");
      const commands = el("div", { className: "guide-launch" });
      const intro = fit ? "Commands to start each recommended engine with your model:" : "Commands to start each recommended engine, shown with Llama 3.1 8B (use the fit check or the calculator for yours):";
      extras.append(el("p", {}, link), el("h4", {}, "Start it"), el("p", {}, intro), commands);
      if (window.guideLaunch) window.guideLaunch.renderList(commands, node.engines, fit ? { ...fit, engine: undefined } : null);
    });
    return extras;
  }

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
      if (node.fit && estimatorScript && window.guideEstimator) parts.push(fitCheck(node, group));
      live.textContent = "";
    } else {
      heading.textContent = "Recommended for your answers";
      const picks = document.querySelector(`.guide-chooser-leaves [data-leaf="${CSS.escape(state.id)}"]`);
      parts.push(el("p", { className: "guide-chooser-category" }, node.category));
      if (picks) parts.push(...[...picks.children].map((child) => child.cloneNode(true)));
      if (estimatorScript && window.guideEstimator) parts.push(leafExtras(node));
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
