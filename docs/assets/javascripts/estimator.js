// The estimator in the browser: scripts/estimator/estimate.py's checks and closed_form.py's arithmetic, step by
// step, on the coefficients the build exports (api/estimator.json, scripts/estimator/export.py). Nothing here
// knows about attention layouts, MoE, engine rules or unified memory: those are numbers in the data.
// tests/browser/test_conformance.py evaluates 500+ requests here and in Python and requires agreement.
// window.guideEstimator.estimate(data, state) -> {ok: true, result} | {ok: false, errors: {field: message}}.
(() => {
  "use strict";
  const GIB = 2 ** 30;
  const FITS = "yes", OFFLOAD = "offload", NO_FIT = "no";

  // closed_form.py
  const kvElements = (m, ctx) => m.kv_full * ctx + m.kv_window * Math.min(ctx, m.window);
  const kvBytes = (m, ctx, element, seqs) => seqs * (kvElements(m, ctx) * element + m.state_bytes);
  const overheadBytes = (m, e, gpus) => e.compute_tokens * e.compute_bytes_per_value * (m.vocab + m.hidden) * gpus + e.fixed_bytes * gpus;

  const largestContext = (m, budget, element, seqs) => {
    budget = budget / seqs - m.state_bytes;
    const limit = m.context_length;
    if (budget < 0) return 0;
    const full = m.kv_full * element, window = m.kv_window * element, w = m.window;
    if (full + window <= 0) return limit;
    if (full === 0 && budget >= window * w) return limit;
    const tokens = budget <= (full + window) * w ? budget / (full + window) : (budget - window * w) / full;
    return Math.min(limit, Math.floor(tokens + 1e-9));
  };

  const prefillFlops = (m, prompt) => {
    const half = prompt / 2;
    return [2 * m.params_active, m.attn_flops_full * half + m.attn_flops_window * Math.min(half, m.window)];
  };

  const evaluate = (m, device, engine, efficiency, host, r) => {
    const weights = (m.params_total * r.bits) / 8;
    const kv = kvBytes(m, r.context, r.element, r.sequences);
    const overhead = overheadBytes(m, engine, r.gpus);
    const available = device.usable_bytes * r.gpus * engine.memory_share;
    const spill = Math.max(0, weights + overhead + kv / engine.kv_share - available);
    let fits = NO_FIT;
    if (spill === 0) fits = FITS;
    else if (engine.offload && host && spill <= host.usable_bytes && weights > spill) fits = OFFLOAD;
    const maxContext = largestContext(m, (available - weights - overhead) * engine.kv_share, r.element, r.sequences);

    const active = (m.params_active * r.bits) / 8;
    const tensor = (r.split === "tensor" || r.split === "row") && r.gpus > 1;
    const bandwidth = (device.bandwidth || 0) * (tensor ? r.gpus : 1);
    const hostRead = fits === OFFLOAD ? (active * spill) / weights : 0;
    const gpuRead = active - hostRead + kv;
    let decode = null;
    if (fits !== NO_FIT && bandwidth) {
      const ceiling = 1 / (gpuRead / bandwidth + (hostRead ? hostRead / host.bandwidth : 0));
      decode = { ceiling, expected: null, low: null, high: null };
      if (efficiency) {
        const fitted = efficiency.decode;
        let seconds = (gpuRead / bandwidth) * fitted.a + m.layers * fitted.b;
        if (hostRead) seconds += (hostRead / host.bandwidth) * fitted.a;
        const expected = Math.min(ceiling, 1 / seconds);
        Object.assign(decode, { expected, low: expected * fitted.low, high: Math.min(ceiling, expected * fitted.high) });
      }
    }
    let prefill = null;
    if (fits === FITS && device.flops && efficiency && efficiency.prefill) {
      const [weightFlops, attentionFlops] = prefillFlops(m, r.prompt);
      const throughput = device.flops * (r.split === "tensor" || r.split === "row" ? r.gpus : 1); // closed_form.prefill_gpus
      const fitted = efficiency.prefill;
      const seconds = (weightFlops * fitted.a + attentionFlops * fitted.b) / throughput;
      const rate = 1 / seconds;
      const first = r.prompt * seconds + (decode && decode.expected ? 1 / decode.expected : 0);
      prefill = { expected: rate, low: rate * fitted.low, high: rate * fitted.high, time_to_first_token_s: first };
    }
    return {
      memory: { weights_bytes: weights, kv_cache_bytes: kv, overhead_bytes: overhead, total_bytes: weights + kv + overhead,
        available_bytes: available, offloaded_bytes: fits === OFFLOAD ? spill : 0 },
      fits, max_context: maxContext, decode_tokens_per_s: decode, prefill_tokens_per_s: prefill,
    };
  };

  // coefficients.threshold_value: the first step whose bound covers the size.
  const step = (steps, gb) => steps.find(([upTo]) => upTo === null || gb <= upTo)[1];

  // One formatter, made once: toLocaleString builds a new one on every call, the slowest step of an estimate.
  const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const gib = (bytes) => oneDecimal.format(bytes / GIB) + " GiB";
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key]);

  // Lookups that every caller needs (built once per data object).
  const indexes = new WeakMap();
  const index = (data) => {
    if (!indexes.has(data)) {
      const byId = (list) => Object.fromEntries(list.map((item) => [item.id, item]));
      indexes.set(data, { models: byId(data.models), devices: byId(data.devices), formats: byId(data.formats), kv: byId(data.kv_types) });
    }
    return indexes.get(data);
  };

  const isWhole = (value) => Number.isInteger(value);
  const isNumber = (value) => typeof value === "number" && Number.isFinite(value);

  // The device as estimate.py sees it, at the chosen memory size; custom devices from their two figures.
  const deviceFor = (data, state) => {
    if (state.device === data.custom.id) {
      return { ...data.custom, platform: null, bandwidth: state.bandwidth_gb_s * 1e9, flops: null,
        size: { gb: state.memory_gb, usable_bytes: state.memory_gb * GIB, text: null }, sizes: [{ gb: state.memory_gb }] };
    }
    const device = index(data).devices[state.device];
    if (!device) return null;
    const gb = state.memory_gb == null ? device.sizes[device.sizes.length - 1].gb : state.memory_gb;
    return { ...device, size: device.sizes.find((s) => s.gb === gb) || null, requestedGb: gb };
  };

  // The engines that load this format and run on this device (estimate.py _check_engine).
  const compatibleEngines = (data, device, format) =>
    data.families[format.family].engines.filter((id) => data.engines[id] && (device.platform === null || data.engines[id].platforms.includes(device.platform)));

  // estimate.py check(): every input, each problem under its field.
  const check = (data, state) => {
    const ix = index(data);
    const errors = {};
    const model = ix.models[state.model];
    const format = ix.formats[state.format];
    const kv = ix.kv[state.kv_cache_type];
    if (!model) errors.model = "Choose a model from the list.";
    if (!format) errors.format = "Choose a weight format from the list.";
    if (!kv) errors.kv_cache_type = "Choose a KV cache type from the list.";
    if (model && !(isWhole(state.context) && state.context >= 1 && state.context <= model.context_length))
      errors.context = `Enter a whole number of tokens from 1 to ${model.context_length.toLocaleString("en-US")} (the model's context length).`;
    for (const [field, label] of [["batch", "sequences"], ["gpus", "GPUs"]]) {
      const limit = data.limits[field];
      if (!(isWhole(state[field]) && state[field] >= 1 && state[field] <= limit)) errors[field] = `Enter a whole number of ${label} from 1 to ${limit.toLocaleString("en-US")}.`;
    }
    if (state.device === data.custom.id) {
      for (const [field, unit] of [["memory_gb", "GB"], ["bandwidth_gb_s", "GB/s"]]) {
        const limit = data.custom.limits[field];
        if (!(isNumber(state[field]) && state[field] > 0 && state[field] <= limit)) errors[field] = `Enter a number of ${unit} above 0 and up to ${limit.toLocaleString("en-US")}.`;
      }
    }
    const device = errors.memory_gb || errors.bandwidth_gb_s ? null : deviceFor(data, state);
    if (!device && !errors.memory_gb && !errors.bandwidth_gb_s) errors.device = "Choose a device from the list.";
    if (device && !device.size) errors.memory_gb = `Choose one of the memory sizes ${device.name} is sold with.`;
    if (device && state.gpus > 1 && (device.kind === "unified-memory" || device.kind === "cpu") && !errors.gpus)
      errors.gpus = `${device.name} is one chip: use 1.`;
    if (!errors.context && model && !(isWhole(state.prompt_tokens) && state.prompt_tokens >= 1 && state.prompt_tokens <= state.context))
      errors.prompt_tokens = `Enter a whole number of tokens from 1 to the context (${state.context.toLocaleString("en-US")}).`;
    const engine = state.engine ? data.engines[state.engine] : data.no_engine;
    if (!engine) errors.engine = "Choose an engine from the list.";
    else if (state.engine && device && format && !compatibleEngines(data, device, format).includes(state.engine))
      errors.engine = `${engine.name} does not run ${format.name} weights on ${device.name}.`;
    const split = state.gpus === 1 ? "single" : state.split || (engine ? engine.splits[0] : "layer");
    if (engine && state.gpus > 1 && !engine.splits.includes(split)) errors.split = `${engine.name} splits a model only by: ${engine.splits.join(", ")}.`;
    return { errors, model, format, kv, device, engine, split };
  };

  // explain.py assumptions(), from the exported sentences, in the same order.
  const assumptions = (data, c, efficiency, host, state, result) => {
    const t = data.texts;
    const lines = [fill(t.weights, { params: c.model.params_text, format: c.format.name, bits: c.format.bits_text, size: gib(result.memory.weights_bytes) })];
    lines.push(...c.model.texts.map((text) => text.replace("{kv}", c.kv.text)), ...c.engine.texts);
    const offloading = result.fits === OFFLOAD;
    if (offloading && c.engine.offload_text) lines.push(c.engine.offload_text);
    if (t.gpu_kinds.includes(c.device.kind)) lines.push(t.driver);
    if (c.device.size.text) lines.push(c.device.size.text);
    if (t.splits[c.split]) lines.push(t.splits[c.split]);
    if (offloading) lines.push(fill(t.offload, { size: gib(result.memory.offloaded_bytes), host: host.name, bandwidth: host.bandwidth_text }));
    lines.push(fill(t.decode, { batch: state.batch > 1 ? fill(t.batch, { batch: state.batch }) : "" }));
    if (!efficiency) lines.push(t.no_measurement);
    else {
      lines.push(efficiency.texts.decode);
      if (!c.device.flops) lines.push(t.no_flops);
      else if (efficiency.texts.prefill) lines.push(efficiency.texts.prefill);
    }
    return lines;
  };

  // options.explain false: the figures without the assumptions (the calculator's lists of devices and models).
  const estimate = (data, state, options = {}) => {
    const c = check(data, state);
    if (Object.keys(c.errors).length) return { ok: false, errors: c.errors };
    const device = { usable_bytes: c.device.size.usable_bytes, bandwidth: c.device.bandwidth, flops: c.device.flops };
    const gb = c.device.size.gb;
    const engine = { ...c.engine, memory_share: step(c.engine.memory_share, gb), kv_share: step(c.engine.kv_share, gb) };
    const engineKey = state.engine && data.efficiency_engines.includes(state.engine) ? state.engine : "*";
    const efficiency = data.efficiencies[data.efficiency[`${c.device.family}|${engineKey}|${c.split}`]];
    const host = data.hosts[c.device.kind] || null;
    const request = { bits: c.format.bits, element: c.kv.bytes, context: state.context, sequences: state.batch, gpus: state.gpus, split: c.split, prompt: state.prompt_tokens };
    const result = evaluate(c.model, device, engine, efficiency, host, request);
    for (const key of Object.keys(result.memory)) result.memory[key] = Math.round(result.memory[key]);
    if (options.explain !== false) result.assumptions = assumptions(data, c, efficiency, host, state, result);
    result.split = c.split;
    return { ok: true, result };
  };

  window.guideEstimator = { estimate, check, compatibleEngines, deviceFor, gib };
})();
