// Launch commands in the browser: the same steps as scripts/launch/commands.py, on the data the build exports
// (api/launch.json). Nothing engine-specific lives here; tests/browser/test_launch.py checks that the strings
// match Python's. window.guideLaunch.command(engineId, state) returns {ok, refused, lines, test, unexpressed};
// render(container, state) shows the command for state.engine and the other engines' behind a disclosure;
// renderList(container, engineIds, state) one command per engine (the Choose page's recommendations).
(() => {
  "use strict";
  const PLAIN = /^[A-Za-z0-9@%+=:,./_-]+$/;
  const LABELS = { context: "context length", batch: "concurrent sequences", gpus: "GPU count", split: "GPU split", kv_cache_type: "KV cache type", port: "port" };
  const quote = (value) => { const text = String(value); return PLAIN.test(text) ? text : "'" + text.replace(/'/g, "'\\''") + "'"; };
  const refused = (reason) => ({ ok: false, refused: reason, lines: [], test: null, unexpressed: [] });

  const reference = (form, request) =>
    form.key ? "MODEL_KEY" : form.name ? request.model : form.file ? `./${request.model}-${request.format}.gguf` : request.hf_repo;

  const argumentValue = (argument, values, multi) => {
    if (argument.when && !(multi && values.split === argument.when)) return null;
    let value = values[argument.input];
    if ("values" in argument) {
      if (!Object.prototype.hasOwnProperty.call(argument.values, String(value))) return false;
      value = argument.values[String(value)];
      if (value === null) return null;
    } else if (!argument.flag && !argument.env) return false;
    if (argument.devices) value = "gpu:" + Array.from({ length: values.gpus }, (_, i) => i).join(",");
    return quote(`${argument.prefix || ""}${value}`);
  };

  const build = (entry, request) => {
    const name = request.engine_name || entry.engine;
    if (!entry.loads.includes(request.family)) return refused(`${name} does not load ${request.family_name} weights`);
    const multi = request.gpus > 1;
    if (multi && !entry.splits.includes(request.split))
      return refused(`${name} cannot split a model over several GPUs ${request.split === "tensor" ? "tensor parallel" : "by layers"}`);
    const kind = request.family === "gguf" ? "gguf" : "hf";
    const port = request.port || entry.port.default;
    const values = { ...request, port };
    const lines = [];
    const unexpressed = [];
    for (const step of entry.steps) {
      const words = [step.command];
      const env = [];
      for (const argument of step.arguments) {
        if ("text" in argument) words.push(argument.text);
        else if ("model" in argument) {
          const form = argument.model[kind];
          if (!form) return refused(`${name} has no way to name a ${kind === "gguf" ? "GGUF file" : "Hugging Face model"}`);
          if (form.flag) words.push(form.flag);
          words.push(quote(reference(form, request)), ...(form.extra || []));
        } else {
          const written = argumentValue(argument, values, multi);
          if (written === null) continue;
          if (written === false) {
            const label = LABELS[argument.input];
            if (!unexpressed.some((line) => line.startsWith(label + " "))) unexpressed.push(`${label} ${values[argument.input]}: ${argument.why}`);
          } else if (argument.env) env.push(`${argument.env}=${written}`);
          else words.push(argument.flag, written);
        }
      }
      lines.push([...env, ...words].join(" "));
    }
    return { ok: true, refused: null, lines, test: entry.test.command.replace("{port}", String(port)), unexpressed };
  };

  // The request for a calculator state (scripts/launch/catalog.py request()).
  const requestFor = (data, state) => {
    const [formatName, family] = data.formats[state.format];
    const gpus = state.gpus || 1;
    return {
      engine: state.engine, engine_name: data.engine_names[state.engine], model: state.model, hf_repo: data.models[state.model],
      format: formatName, family, family_name: data.families[family], context: state.context, batch: state.batch || 1,
      gpus, split: gpus === 1 ? "single" : state.split || "layer", kv_cache_type: state.kv_cache_type || "f16", port: state.port || null,
    };
  };

  let loaded = null;
  const data = () => {
    if (!loaded) {
      const script = document.querySelector("script[data-guide-launch]");
      loaded = fetch(script.dataset.guideLaunch).then((r) => r.json());
    }
    return loaded;
  };

  const command = (launch, engineId, state) => {
    const entry = launch.engines[engineId];
    if (!entry) return refused("no launch command is recorded for this engine");
    if (!launch.models[state.model] || !launch.formats[state.format]) return refused("unknown model or format");
    return build(entry, requestFor(launch, { ...state, engine: engineId }));
  };

  const el = (tag, props, ...children) => { const node = Object.assign(document.createElement(tag), props); node.append(...children); return node; };

  const block = (result) => {
    if (!result.ok) return el("p", { className: "guide-launch__refused" }, result.refused);
    const text = result.lines.join("\n");
    const copy = el("button", { type: "button", className: "md-button guide-launch__copy" }, "Copy");
    copy.addEventListener("click", () => navigator.clipboard && navigator.clipboard.writeText(text).then(() => (copy.textContent = "Copied")));
    const parts = [el("pre", {}, el("code", {}, text)), copy, el("p", {}, "Test it: ", el("code", {}, result.test))];
    if (result.unexpressed.length) parts.push(el("ul", {}, ...result.unexpressed.map((line) => el("li", {}, `Not expressed: ${line}`))));
    return el("div", { className: "guide-launch__command" }, ...parts);
  };

  const render = async (container, state) => {
    if (!container) return;
    const launch = await data();
    const chosen = launch.engines[state.engine];
    const engines = Object.keys(launch.engines).filter((id) => launch.engines[id].engine === id && launch.engines[id] !== chosen);
    const main = state.engine ? [el("h3", {}, `Start it with ${launch.engine_names[state.engine] || state.engine}`), block(command(launch, state.engine, state))] : [];
    const others = engines.map((id) => ({ id, result: command(launch, id, state) })).filter(({ result }) => result.ok);
    const more = others.length
      ? [el("details", {}, el("summary", {}, `Commands for the other engines that take these weights (${others.length})`),
          ...others.flatMap(({ id, result }) => [el("h4", {}, launch.engine_names[id]), block(result)]))]
      : [];
    container.replaceChildren(...main, ...more);
  };

  // launch/views.py example_format(): the reader's format when the engine loads it, else the example's.
  const exampleFormat = (launch, entry, wanted) => {
    if (launch.formats[wanted] && entry.loads.includes(launch.formats[wanted][1])) return wanted;
    return entry.loads.includes("gguf") ? launch.example.formats.gguf : launch.example.formats.other;
  };

  // The Choose page: one command per recommended engine, for the reader's inputs (or the example's).
  const renderList = async (container, engineIds, state) => {
    if (!container) return;
    const launch = await data();
    const base = { ...launch.example.state, ...(state || {}) };
    const parts = engineIds.filter((id) => launch.engines[id]).flatMap((id) => {
      const format = exampleFormat(launch, launch.engines[id], base.format);
      const note = base.format && format !== base.format ? ` (it does not load ${launch.formats[base.format][0]}: shown with ${launch.formats[format][0]})` : "";
      return [el("h4", {}, launch.engine_names[id] + note), block(command(launch, id, { ...base, format }))];
    });
    container.replaceChildren(...parts);
  };

  window.guideLaunch = { command: (engineId, state) => data().then((launch) => command(launch, engineId, state)), render, renderList, build, quote };
})();
