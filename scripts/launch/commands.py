"""Command lines from one engine's launch entry and the reader's choices.

Everything engine-specific is in the data: which flag or environment variable carries a choice, how a value is
spelled, which splits and weight families the server takes. This module only walks the entry's steps and
quotes what it writes. docs/assets/javascripts/launch.js is a line-by-line port of `build()`.

A request is a dict: engine, model (id), hf_repo, format (name as engines spell it, e.g. Q4_K_M), family (format
family id), family_name, context, batch, gpus, split ("single" | "tensor" | "layer"), kv_cache_type, port
(optional: the engine's default).
"""

from __future__ import annotations

import re
from typing import Any

# What the shell reads as one word without quotes; anything else is single-quoted.
PLAIN = re.compile(r"^[A-Za-z0-9@%+=:,./_-]+$")
LABELS = {
    "context": "context length",
    "batch": "concurrent sequences",
    "gpus": "GPU count",
    "split": "GPU split",
    "kv_cache_type": "KV cache type",
    "port": "port",
}


def quote(value: Any) -> str:
    """`value` as one POSIX shell word: as it is when that is safe, else in single quotes ('\\'' for a quote)."""
    text = str(value)
    return text if PLAIN.match(text) else "'" + text.replace("'", "'\\''") + "'"


def model_reference(form: dict[str, Any], request: dict[str, Any]) -> str:
    """How this form names the model: LM Studio's key, a local name, a GGUF file, or the Hugging Face repo."""
    if form.get("key"):
        return "MODEL_KEY"
    if form.get("name"):
        return request["model"]
    if form.get("file"):
        return f"./{request['model']}-{request['format']}.gguf"
    return request["hf_repo"]


def build(entry: dict[str, Any], request: dict[str, Any]) -> dict[str, Any]:
    """{ok, refused, lines, test, unexpressed}: the lines to run in order, the line that tests the server, and
    the choices the engine has no way to express; or ok false with the reason the choices cannot work."""
    name = request.get("engine_name") or entry["engine"]
    if request["family"] not in entry["loads"]:
        return refused(f"{name} does not load {request['family_name']} weights")
    multi = request["gpus"] > 1
    if multi and request["split"] not in entry["splits"]:
        how = "tensor parallel" if request["split"] == "tensor" else "by layers"
        return refused(f"{name} cannot split a model over several GPUs {how}")
    kind = "gguf" if request["family"] == "gguf" else "hf"
    port = request.get("port") or entry["port"]["default"]
    values = {**request, "port": port}
    lines: list[str] = []
    unexpressed: list[str] = []
    for step in entry["steps"]:
        words: list[str] = [step["command"]]
        env: list[str] = []
        for argument in step["arguments"]:
            if "text" in argument:
                words.append(argument["text"])
            elif "model" in argument:
                form = argument["model"].get(kind)
                if form is None:
                    return refused(f"{name} has no way to name a {'GGUF file' if kind == 'gguf' else 'Hugging Face model'}")
                if form.get("flag"):
                    words.append(form["flag"])
                words.append(quote(model_reference(form, request)))
                words.extend(form.get("extra", []))
            else:
                written = _argument(argument, values, multi)
                if written is None:
                    continue
                if written is False:
                    _note(unexpressed, argument, values)
                elif argument.get("env"):
                    env.append(f"{argument['env']}={written}")
                else:
                    words += [argument["flag"], written]
        lines.append(" ".join(env + words))
    return {
        "ok": True,
        "refused": None,
        "lines": lines,
        "test": entry["test"]["command"].replace("{port}", str(port)),
        "unexpressed": unexpressed,
    }


def _argument(argument: dict[str, Any], values: dict[str, Any], multi: bool) -> str | None | bool:
    """The quoted value to write, None to leave the argument out, False when the value cannot be expressed."""
    when = argument.get("when")
    if when and not (multi and values["split"] == when):
        return None
    value = values[argument["input"]]
    if "values" in argument:
        if str(value) not in argument["values"]:
            return False
        value = argument["values"][str(value)]
        if value is None:
            return None
    elif not argument.get("flag") and not argument.get("env"):
        return False
    if argument.get("devices"):
        value = "gpu:" + ",".join(str(i) for i in range(values["gpus"]))
    return quote(f"{argument.get('prefix', '')}{value}")


def _note(unexpressed: list[str], argument: dict[str, Any], values: dict[str, Any]) -> None:
    """One line per choice the engine cannot express (several arguments may carry the same choice)."""
    label = LABELS[argument["input"]]
    if not any(line.startswith(label + " ") for line in unexpressed):
        unexpressed.append(f"{label} {values[argument['input']]}: {argument['why']}")


def refused(reason: str) -> dict[str, Any]:
    return {"ok": False, "refused": reason, "lines": [], "test": None, "unexpressed": []}
