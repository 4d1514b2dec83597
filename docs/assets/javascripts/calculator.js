// The fit-and-speed calculator (docs/calculator.md). The form is in the HTML with every option; this script
// reads it, asks estimator.js (the estimator's arithmetic on api/estimator.json) and shows the answer. The
// inputs live in the URL: each committed change is a history entry, so a copied link reopens the same inputs
// and Back undoes the last change. Text from the URL or the data is only ever set as textContent.
(() => {
  "use strict";
  const box = document.querySelector(".guide-calc");
  const settingsNode = document.getElementById("guide-calc-form");
  const source = document.querySelector("script[data-guide-estimator]");
  if (!box || !settingsNode || !source || !window.guideEstimator) return;
  const E = window.guideEstimator;
  const settings = JSON.parse(settingsNode.textContent);
  const defaults = settings.defaults;
  const form = box.querySelector("form");
  const control = (name) => document.getElementById("calc-" + name);
  const notice = box.querySelector(".guide-calc__notice");
  const verdict = box.querySelector(".guide-calc__verdict");
  const details = box.querySelector(".guide-calc__details");
  const launchBox = box.querySelector("[data-guide-launch-container]");
  const reverse = [...box.querySelectorAll("details[data-reverse]")];

  // State key -> URL parameter. Whole numbers and decimals are typed; the rest are chosen from lists.
  const PARAMS = { model: "model", format: "format", context: "context", batch: "batch", prompt_tokens: "prompt", kv_cache_type: "kv",
    device: "device", memory_gb: "memory", bandwidth_gb_s: "bandwidth", gpus: "gpus", split: "split", engine: "engine" };
  const WHOLE = ["context", "batch", "prompt_tokens", "gpus"];
  const MAX_URL_VALUE = 100;
  const VERDICTS = { yes: "Fits", offload: "Fits only with CPU offload", no: "Does not fit" };

  const el = (tag, props, ...children) => { const node = Object.assign(document.createElement(tag), props); node.append(...children); return node; };
  const thousands = new Intl.NumberFormat("en-US");
  const grouped = (value) => thousands.format(value);
  const finite = (value) => typeof value === "number" && Number.isFinite(value);
  const rate = (value) => (!finite(value) ? "unknown" : value >= 100 ? grouped(Math.round(value)) : value.toFixed(1));
  const seconds = (value) => (!finite(value) ? "unknown" : value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(1)} s`);
  const percent = (value) => `${Math.round(value * 100)}%`;

  let data = null;
  let current = null; // the last state that gave an estimate

  // Typed text -> number, or the reason it is not one (the range is estimator.js check()'s business).
  const parse = (text, whole) => {
    const plain = text.trim().replace(/,/g, "");
    if (!plain) return { error: "Required: enter a number." };
    if (/^-/.test(plain)) return { error: "Enter a number above 0." };
    if (!/^\d+(\.\d+)?$/.test(plain)) return { error: "Enter digits only, such as 8192." };
    const value = Number(plain);
    if (whole && !Number.isInteger(value)) return { error: "Enter a whole number." };
    return { value };
  };

  const readForm = () => {
    const state = {}, errors = {};
    for (const key of ["model", "format", "kv_cache_type", "device", "split", "engine"]) state[key] = control(key).value;
    for (const key of WHOLE) {
      const parsed = parse(control(key).value, true);
      if (parsed.error) errors[key] = parsed.error; else state[key] = parsed.value;
    }
    if (state.device === settings.custom) {
      for (const [key, input] of [["memory_gb", control("memory_gb-custom")], ["bandwidth_gb_s", control("bandwidth_gb_s")]]) {
        const parsed = parse(input.value, false);
        if (parsed.error) errors[key] = parsed.error; else state[key] = parsed.value;
      }
    } else {
      state.memory_gb = Number(control("memory_gb").value);
      state.bandwidth_gb_s = null;
    }
    return { state, errors };
  };

  // Options that depend on other inputs: memory sizes, custom fields, splits, the engines that fit.
  const refreshOptions = (state) => {
    const custom = state.device === settings.custom;
    const device = custom ? null : data.devices.find((d) => d.id === state.device);
    const sizes = control("memory_gb");
    if (device) {
      const wanted = device.sizes.some((s) => s.gb === state.memory_gb) ? state.memory_gb : device.sizes[device.sizes.length - 1].gb;
      sizes.replaceChildren(...device.sizes.map((s) => el("option", { value: String(s.gb), selected: s.gb === wanted }, `${s.gb} GB`)));
      sizes.value = String(wanted);
    }
    sizes.hidden = custom;
    sizes.closest("[data-field]").hidden = !custom && device && device.sizes.length < 2;
    control("memory_gb-custom").hidden = !custom;
    control("bandwidth_gb_s").closest("[data-field]").hidden = !custom;

    const format = data.formats.find((f) => f.id === state.format);
    const deviceShape = custom ? { platform: null } : device;
    const usable = format && deviceShape ? E.compatibleEngines(data, deviceShape, format) : [];
    const engines = control("engine");
    for (const option of engines.options) {
      if (!option.value) continue;
      option.disabled = !usable.includes(option.value);
      option.textContent = data.engines[option.value].name + (option.disabled ? " (does not run this)" : "");
    }
    if (state.engine && !usable.includes(state.engine)) engines.value = "";
    const engine = data.engines[engines.value] || data.no_engine;
    const split = control("split");
    for (const option of split.options) option.disabled = !engine.splits.includes(option.value);
    if (!engine.splits.includes(split.value)) split.value = engine.splits[0];
    split.closest("[data-field]").hidden = !(state.gpus > 1);
    for (const button of box.querySelectorAll("[data-context]")) {
      const model = data.models.find((m) => m.id === state.model);
      button.disabled = Boolean(model) && Number(button.dataset.context) > model.context_length;
    }
  };

  const showErrors = (errors) => {
    for (const field of box.querySelectorAll("[data-field]")) {
      const key = field.dataset.field;
      const message = errors[key];
      const span = field.querySelector(".guide-calc__error");
      span.textContent = message || "";
      span.hidden = !message;
      for (const input of field.querySelectorAll("input, select")) {
        if (message && !input.hidden) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
      }
    }
  };

  const memoryBar = (memory) => {
    const scale = Math.max(memory.total_bytes, memory.available_bytes) || 1;
    const parts = [["weights", "Weights", memory.weights_bytes], ["kv", "KV cache", memory.kv_cache_bytes], ["overhead", "Working memory", memory.overhead_bytes]];
    const label = `Memory: ${parts.map(([, name, bytes]) => `${name.toLowerCase()} ${E.gib(bytes)}`).join(", ")}; total ${E.gib(memory.total_bytes)} of ${E.gib(memory.available_bytes)} available.`;
    const bar = el("div", { className: "guide-calc__bar", role: "img" });
    bar.setAttribute("aria-label", label);
    for (const [key, , bytes] of parts) {
      const segment = el("span", { className: `guide-calc__bar-${key}` });
      segment.style.width = `${(bytes / scale) * 100}%`;
      bar.append(segment);
    }
    const limit = el("span", { className: "guide-calc__bar-limit" });
    limit.style.left = `${(memory.available_bytes / scale) * 100}%`;
    bar.append(limit);
    const legend = el("ul", { className: "guide-calc__legend" },
      ...parts.map(([key, name, bytes]) => el("li", {}, el("span", { className: `guide-calc__swatch guide-calc__bar-${key}` }), `${name}: ${E.gib(bytes)}`)),
      el("li", {}, el("span", { className: "guide-calc__swatch guide-calc__bar-limit" }), `Available: ${E.gib(memory.available_bytes)}`));
    return [bar, legend];
  };

  const measuredError = (family, kind) => {
    const errors = settings.links.errors;
    const row = (errors[family] && errors[family][kind] && errors[family]) || errors[settings.overall];
    const figures = row && row[kind];
    return figures ? `Measured error on devices left out of the fit (${row.label}): median ${percent(figures.median)}, 90th percentile ${percent(figures.p90)}.` : "";
  };

  const describe = (state, result) => {
    const model = data.models.find((m) => m.id === state.model);
    const format = data.formats.find((f) => f.id === state.format);
    const device = E.deviceFor(data, state);
    const where = `${state.gpus > 1 ? `${state.gpus} × ` : ""}${device.name} (${grouped(device.size.gb)} GB)`;
    verdict.replaceChildren(el("strong", {}, VERDICTS[result.fits]), `: ${model.name} at ${format.name}, ${grouped(state.context)} tokens × ${state.batch} on ${where}.`);
    verdict.dataset.fits = result.fits;

    const parts = [el("p", {}, `Largest context that fits: ${grouped(result.max_context)} tokens (estimate).`), ...memoryBar(result.memory)];
    const decode = result.decode_tokens_per_s;
    const speed = el("dl", { className: "guide-calc__speeds" });
    if (decode && decode.expected) {
      speed.append(el("dt", {}, "Decode (estimate)"), el("dd", {}, `${rate(decode.expected)} tokens/s, band ${rate(decode.low)}–${rate(decode.high)}; bandwidth ceiling ${rate(decode.ceiling)} tokens/s`));
      const error = measuredError(device.family, "decode");
      if (error) speed.append(el("dd", { className: "guide-calc__hint" }, error));
    } else if (decode) {
      speed.append(el("dt", {}, "Decode"), el("dd", {}, `No fitted estimate; bandwidth ceiling ${rate(decode.ceiling)} tokens/s`));
    } else {
      speed.append(el("dt", {}, "Decode"), el("dd", {}, result.fits === "no" ? "It does not fit, so there is no speed to estimate." : "Unknown: no bandwidth is recorded for this device."));
    }
    const prefill = result.prefill_tokens_per_s;
    speed.append(el("dt", {}, `Time to first token, ${grouped(state.prompt_tokens)}-token prompt (estimate)`),
      el("dd", {}, prefill ? `${seconds(prefill.time_to_first_token_s)}; prefill ${rate(prefill.expected)} tokens/s, band ${rate(prefill.low)}–${rate(prefill.high)}` : "Unknown for this case (see the assumptions)."));
    if (prefill) { const error = measuredError(device.family, "prefill"); if (error) speed.append(el("dd", { className: "guide-calc__hint" }, error)); }
    parts.push(speed);

    const engines = E.compatibleEngines(data, device, format);
    parts.push(el("h3", {}, "Engines that run it on this hardware"),
      engines.length ? el("ul", { className: "guide-calc__engines" }, ...engines.map((id) => el("li", {}, el("a", { href: settings.links.engines[id] }, data.engines[id].name))))
        : el("p", {}, "None of the engines in this guide is known to load these weights on this device."));
    const assumptions = el("details", {}, el("summary", {}, "Assumptions behind these figures"), el("ul", {}, ...result.assumptions.map((line) => el("li", {}, line))));
    parts.push(assumptions, el("p", {}, "How these estimates are made, and how far off they were on published measurements: ", el("a", { href: settings.links.methodology }, "How we estimate"), "."));
    details.replaceChildren(...parts);
  };

  // The reverse questions: every device against this model, every model against this device. A list shows its
  // first rows until the reader asks for all of them (a phone-length page, and a quick redraw on each change).
  const BRIEF = { explain: false };
  const FIRST_ROWS = 15;
  const showAll = { devices: false, models: false };
  const reverseRows = {
    devices: (state) => data.devices.map((device) => {
      const engine = state.engine && E.compatibleEngines(data, device, data.formats.find((f) => f.id === state.format)).includes(state.engine) ? state.engine : "";
      const probe = { ...state, device: device.id, memory_gb: device.sizes[device.sizes.length - 1].gb, bandwidth_gb_s: null, gpus: 1, split: "", engine };
      return { name: device.name, apply: probe, out: E.estimate(data, probe, BRIEF), memory: `${grouped(probe.memory_gb)} GB` };
    }),
    models: (state) => data.models.map((model) => {
      const context = Math.min(state.context, model.context_length);
      const probe = { ...state, model: model.id, context, prompt_tokens: Math.min(state.prompt_tokens, context) };
      return { name: model.name, apply: probe, out: E.estimate(data, probe, BRIEF), size: model.params_total };
    }),
  };
  const ORDER = { yes: 0, offload: 1, no: 2 };
  const renderReverse = (detailsNode) => {
    if (!detailsNode.open || !current) return;
    const kind = detailsNode.dataset.reverse;
    const rows = reverseRows[kind](current).filter((row) => row.out.ok && row.out.result.fits !== "no");
    const speed = (row) => (row.out.result.decode_tokens_per_s && row.out.result.decode_tokens_per_s.expected) || 0;
    rows.sort((a, b) => ORDER[a.out.result.fits] - ORDER[b.out.result.fits] || (kind === "models" ? b.size - a.size : speed(b) - speed(a)));
    const head = kind === "devices" ? ["Device", "Memory", "Fits", "Decode, tokens/s (estimate)"] : ["Model", "Context", "Fits", "Decode, tokens/s (estimate)"];
    const shown = showAll[kind] ? rows : rows.slice(0, FIRST_ROWS);
    const table = el("table", {}, el("thead", {}, el("tr", {}, ...head.map((text) => el("th", { scope: "col" }, text)))),
      el("tbody", {}, ...shown.map((row) => el("tr", {},
        el("th", { scope: "row" }, el("button", { type: "button", className: "guide-calc__use", onclick: () => apply(row.apply, true) }, row.name)),
        el("td", {}, kind === "devices" ? row.memory : grouped(row.apply.context)),
        el("td", {}, VERDICTS[row.out.result.fits]),
        el("td", {}, speed(row) ? rate(speed(row)) : "unknown")))));
    const summary = kind === "devices" ? `${rows.length} of ${data.devices.length} devices run it (one GPU, the largest memory size); select one to use it.`
      : `${rows.length} of ${data.models.length} models fit at up to this context; select one to use it.`;
    const more = shown.length < rows.length
      ? [el("button", { type: "button", className: "md-button", onclick: () => { showAll[kind] = true; renderReverse(detailsNode); } }, `Show all ${rows.length}`)] : [];
    detailsNode.lastElementChild.replaceChildren(el("p", {}, summary), el("div", { className: "guide-calc__table" }, table), ...more);
  };

  const toQuery = (state) => {
    const params = new URLSearchParams();
    for (const [key, name] of Object.entries(PARAMS)) {
      const value = state[key];
      if (value === null || value === undefined || value === "") continue;
      if (key === "split" && state.gpus === 1) continue;
      params.set(name, String(value));
    }
    return params.toString();
  };

  // A shared link: every value checked; anything unknown, malformed or too long falls back to its default.
  const fromQuery = (search) => {
    const params = new URLSearchParams(search);
    const state = { ...defaults };
    const rejected = [];
    const known = {
      model: (v) => data.models.some((m) => m.id === v), format: (v) => data.formats.some((f) => f.id === v),
      kv_cache_type: (v) => data.kv_types.some((k) => k.id === v), device: (v) => v === settings.custom || data.devices.some((d) => d.id === v),
      split: (v) => v in settings.splits, engine: (v) => v === "" || v in data.engines,
    };
    for (const [key, name] of Object.entries(PARAMS)) {
      if (!params.has(name)) continue;
      const text = params.get(name);
      let ok = text.length <= MAX_URL_VALUE;
      let value = text;
      if (ok && key in known) ok = known[key](text);
      else if (ok) { const parsed = parse(text, WHOLE.includes(key)); ok = !parsed.error; value = parsed.value; }
      if (ok) state[key] = value; else rejected.push(name);
    }
    if (state.device !== settings.custom) state.bandwidth_gb_s = null;
    // Values that are well formed but do not go together are repaired one by one, keeping the rest of the link:
    // a context past the model's limit comes down to it, a custom device without its figures gives way to the
    // default device, an engine that does not load the format to "no particular engine".
    const held = (key) => { if (params.has(PARAMS[key])) rejected.push(PARAMS[key]); };
    const limit = () => (data.models.find((m) => m.id === state.model) || { context_length: defaults.context }).context_length;
    const repairs = {
      context: () => { state.context = Math.min(Number.isInteger(state.context) && state.context > 0 ? state.context : defaults.context, limit()); },
      prompt_tokens: () => { state.prompt_tokens = Math.min(defaults.prompt_tokens, state.context); },
      memory_gb: () => { if (state.device === settings.custom) { held("device"); state.device = defaults.device; } state.memory_gb = null; state.bandwidth_gb_s = null; },
      gpus: () => { state.gpus = 1; },
    };
    repairs.bandwidth_gb_s = repairs.memory_gb;
    for (let round = 0; round < 3; round++) {
      const errors = Object.keys(E.check(data, state).errors);
      if (!errors.length) break;
      for (const key of errors) {
        held(key);
        if (repairs[key]) repairs[key]();
        else state[key] = key === "engine" || key === "split" ? "" : defaults[key];
      }
    }
    if (Object.keys(E.check(data, state).errors).length) return { state: { ...defaults }, rejected: rejected.length ? rejected : ["link"] };
    return { state, rejected: [...new Set(rejected)] };
  };

  // Put a state into the form (a shared link, Back, or a row of a reverse list).
  const fill = (state) => {
    for (const key of ["model", "format", "kv_cache_type", "device", "engine"]) control(key).value = state[key];
    for (const key of WHOLE) control(key).value = String(state[key]);
    refreshOptions(state);
    if (state.device === settings.custom) {
      control("memory_gb-custom").value = state.memory_gb === null ? "" : String(state.memory_gb);
      control("bandwidth_gb_s").value = state.bandwidth_gb_s === null ? "" : String(state.bandwidth_gb_s);
    } else if (state.memory_gb !== null) control("memory_gb").value = String(state.memory_gb);
    control("split").value = state.split || (data.engines[state.engine] || data.no_engine).splits[0];
    refreshOptions(readForm().state);
  };

  const update = (push) => {
    const { state, errors } = readForm();
    refreshOptions(state);
    const reread = readForm();
    const out = E.estimate(data, reread.state);
    const all = { ...(out.ok ? {} : out.errors), ...reread.errors };
    showErrors(all);
    if (Object.keys(all).length) {
      current = null;
      verdict.textContent = "Fix the marked field to see an estimate.";
      delete verdict.dataset.fits;
      details.replaceChildren();
      if (launchBox) launchBox.replaceChildren();
      for (const node of reverse) if (node.open) node.lastElementChild.replaceChildren();
      return;
    }
    current = reread.state;
    describe(current, out.result);
    for (const node of reverse) renderReverse(node);
    if (launchBox && window.guideLaunch) window.guideLaunch.render(launchBox, { ...current, split: out.result.split });
    const query = toQuery(current);
    if (push && query !== location.search.slice(1)) history.pushState(null, "", "?" + query);
  };

  // A model with a shorter context than the one typed: the context comes down to its limit, and says so.
  const fitContext = () => {
    const model = data.models.find((m) => m.id === control("model").value);
    const typed = parse(control("context").value, true);
    const hint = control("context").closest("[data-field]").querySelector(".guide-calc__hint");
    if (!model || typed.error || typed.value <= model.context_length) { if (hint) hint.remove(); return; }
    control("context").value = String(model.context_length);
    const prompt = parse(control("prompt_tokens").value, true);
    if (!prompt.error && prompt.value > model.context_length) control("prompt_tokens").value = String(model.context_length);
    const note = hint || el("span", { className: "guide-calc__hint", role: "status" });
    note.textContent = `Lowered to ${model.name}'s context length.`;
    control("context").closest("[data-field]").querySelector(".guide-calc__error").before(note);
  };

  const apply = (state, push) => {
    fill(state);
    update(push);
    if (push) verdict.scrollIntoView({ block: "nearest" });
  };

  // Searching a long list narrows its options; the chosen one always stays.
  const searchable = (input, select) => {
    const all = [...select.querySelectorAll("option")].map((option) => ({ option, group: option.parentElement.tagName === "OPTGROUP" ? option.parentElement : null }));
    input.addEventListener("input", () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      for (const { option } of all) option.hidden = option.value !== select.value && !words.every((w) => option.textContent.toLowerCase().includes(w));
      for (const group of select.querySelectorAll("optgroup")) group.hidden = [...group.children].every((o) => o.hidden);
      const matches = all.filter(({ option }) => !option.hidden).length;
      input.setAttribute("aria-description", `${matches} match${matches === 1 ? "" : "es"}`);
    });
  };

  const start = async () => {
    data = await fetch(source.dataset.guideEstimator).then((r) => r.json());
    searchable(control("model-search"), control("model"));
    searchable(control("device-search"), control("device"));
    form.addEventListener("input", (event) => { if (!event.target.matches("[type=search]")) update(false); });
    form.addEventListener("change", (event) => {
      if (event.target.matches("[type=search]")) return;
      if (event.target === control("model")) fitContext();
      update(true);
    });
    form.addEventListener("submit", (event) => { event.preventDefault(); update(true); });
    for (const button of box.querySelectorAll("[data-context]")) button.addEventListener("click", () => { control("context").value = button.dataset.context; update(true); });
    for (const node of reverse) node.addEventListener("toggle", () => renderReverse(node));
    addEventListener("popstate", () => { const { state } = fromQuery(location.search); fill(state); update(false); });
    const { state, rejected } = fromQuery(location.search);
    if (rejected.length) {
      notice.textContent = `This link held values the calculator does not recognise (${rejected.join(", ")}); those inputs start from their defaults.`;
      notice.hidden = false;
    }
    fill(state);
    update(false);
    if (rejected.length || location.search) history.replaceState(null, "", "?" + toQuery(current || defaults));
    box.dataset.ready = "true";
  };

  box.hidden = false;
  start();
})();
