"""One estimate from catalog ids: check the request, turn the entries into coefficients, evaluate, explain.

`estimate()` is what the command line and the site's pages call. Every check of the inputs is here, so the
command line and the pages refuse the same things with the same words.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from estimator import closed_form, coefficients
from estimator.explain import assumptions
from guide.problems import nearest

DEFAULT_PROMPT_TOKENS = 1000
PLATFORM_OF_VENDOR = {"nvidia": "nvidia", "amd": "amd", "intel": "intel", "apple": "apple", "cpu": "cpu"}
DEFAULT_SPLITS = ["layer", "tensor"]
# A device the reader describes by its memory and bandwidth: a GPU of no known vendor, so no engine is ruled
# out by platform and efficiencies come from the fits over all devices.
CUSTOM = "custom"
# Past these, a typed figure is a slip, not a device (the largest in the catalog has 288 GB and 8 TB/s).
CUSTOM_LIMITS = {"memory_gb": 100_000, "bandwidth_gb_s": 100_000}
# Whole-number inputs: past these a figure is a slip (an NVL72 rack has 72 GPUs).
LIMITS = {"batch": 65_536, "gpus": 72}


class RequestError(ValueError):
    """A request the estimator refuses; the message names the option and what was expected."""


@dataclass(frozen=True)
class Request:
    model: str
    hardware: str
    format: str
    context: int
    batch: int = 1
    gpus: int = 1
    engine: str | None = None
    kv_cache_type: str = "f16"
    memory_gb: float | None = None
    split: str | None = None
    prompt_tokens: int | None = None
    host: str | None = None
    bandwidth_gb_s: float | None = None  # only for --hardware custom


def _lookup(kind: str, option: str, key: str, table: dict[str, Any]) -> dict[str, Any]:
    if key not in table:
        raise RequestError(f"{option}: unknown {kind} '{key}'{nearest(key, list(table))}; `--list` shows them all")
    return table[key]


def resolve_format(catalogs: Any, name: str, engine_id: str | None = None) -> dict[str, Any]:
    """A weight format by id or by the name engines spell it (Q4_K_M), case-insensitively. A name that
    several formats share (BF16 as a GGUF type and as a checkpoint) is settled by the engine, when it loads
    only one of them; otherwise the reader is asked for the id."""
    if name in catalogs.formats:
        return catalogs.formats[name]
    named = [f for f in catalogs.formats.values() if f["name"].lower() == name.lower()]
    if len(named) > 1 and engine_id:
        named = [f for f in named if engine_id in catalogs.format_families[f["family"]]["engines"]] or named
    if len(named) == 1:
        return named[0]
    if named:
        choices = ", ".join(f"{f['id']} ({catalogs.format_families[f['family']]['name']})" for f in named)
        raise RequestError(f"--format: '{name}' names several formats, expected one of their ids: {choices}")
    if name.lower() in catalogs.formats:
        return catalogs.formats[name.lower()]
    names = sorted({f["name"].lower() for f in catalogs.formats.values()} | set(catalogs.formats))
    raise RequestError(f"--format: unknown weight format '{name}'{nearest(name, names)}")


def check(catalogs: Any, request: Request) -> dict[str, Any]:
    """The catalog entries a request names, after checking every input; RequestError otherwise."""
    model = _lookup("model", "--model", request.model, catalogs.models)
    device = custom_device(request) if request.hardware == CUSTOM else _lookup("device", "--hardware", request.hardware, catalogs.hardware)
    if request.bandwidth_gb_s is not None and device["id"] != CUSTOM:
        raise RequestError(f"--bandwidth-gb-s: only for --hardware custom; '{device['id']}' has its bandwidth in hardware.yaml")
    weight_format = resolve_format(catalogs, request.format, request.engine)
    kv_type = _lookup("KV cache type", "--kv-cache-type", request.kv_cache_type, catalogs.kv_cache_types)
    if model["architecture"].get("layers") is None:
        raise RequestError(f"--model: the architecture of '{model['id']}' is not verified, so nothing can be estimated for it")
    limit = model["architecture"]["context_length"]
    if not 1 <= request.context <= limit:
        raise RequestError(f"--context: {request.context} tokens, expected 1 to {limit:,} (the model's context length)")
    for name, value in (("batch", request.batch), ("gpus", request.gpus)):
        if not 1 <= value <= LIMITS[name]:
            raise RequestError(f"--{name}: {value}, expected a whole number from 1 to {LIMITS[name]:,}")
    if request.gpus > 1 and device["kind"] in ("unified-memory", "cpu"):
        raise RequestError(f"--gpus: {request.gpus}, but '{device['id']}' is {device['kind']}; expected 1")
    sizes = device["memory"]["sizes_gb"]
    memory = request.memory_gb if request.memory_gb is not None else sizes[-1]
    if memory not in sizes:
        raise RequestError(f"--memory-gb: {request.memory_gb:g}, expected one of {', '.join(f'{s:g}' for s in sizes)} for '{device['id']}'")
    prompt = request.prompt_tokens if request.prompt_tokens is not None else min(DEFAULT_PROMPT_TOKENS, request.context)
    if not 1 <= prompt <= request.context:
        raise RequestError(f"--prompt-tokens: {prompt}, expected 1 to the context ({request.context})")
    engine = None
    rules = None
    if request.engine is not None:
        engine = _lookup("engine", "--engine", request.engine, catalogs.engines)
        _check_engine(catalogs, engine, device, weight_format)
        rules = catalogs.engine_memory.get(engine["id"])
    splits = engine_splits(rules)
    split = "single" if request.gpus == 1 else (request.split or splits[0])
    if request.gpus > 1 and split not in splits:
        raise RequestError(f"--split: '{split}', expected one of {', '.join(splits)} for {engine['name'] if engine else 'this request'}")
    host = None
    if request.host is not None:
        host = _lookup("device", "--host", request.host, catalogs.hardware)
        if host["kind"] != "cpu":
            raise RequestError(f"--host: '{host['id']}' is {host['kind']}, expected a CPU platform")
    return {"model": model, "device": device, "format": weight_format, "kv_type": kv_type, "engine": engine,
            "rules": rules, "memory_gb": memory, "split": split, "prompt_tokens": prompt, "host": host,
            "batch": request.batch}


def custom_device(request: Request) -> dict[str, Any]:
    """A catalog-shaped entry for a device given by its memory and bandwidth alone (no compute figure, so no prefill)."""
    for option, field in (("--memory-gb", "memory_gb"), ("--bandwidth-gb-s", "bandwidth_gb_s")):
        value = getattr(request, field)
        if value is None or not 0 < value <= CUSTOM_LIMITS[field]:
            shown = "missing" if value is None else f"{value:g}"
            raise RequestError(f"{option}: {shown}, expected a number above 0 and up to {CUSTOM_LIMITS[field]:,} for --hardware custom")
    return {
        "id": CUSTOM, "name": "Custom device", "vendor": CUSTOM, "kind": "discrete-gpu",
        "memory": {"sizes_gb": [request.memory_gb]}, "bandwidth_gb_s": {"value": request.bandwidth_gb_s}, "fp16_tflops": None,
    }


def engine_splits(rules: dict[str, Any] | None) -> list[str]:
    """How an engine can share a model over several GPUs, its default first (engine-memory.yaml `splits`)."""
    return (rules or {}).get("splits") or DEFAULT_SPLITS


def platform_of(device: dict[str, Any]) -> str | None:
    """The engines.yaml hardware key a device falls under (None: no platform rules out an engine)."""
    return "cpu" if device["kind"] == "cpu" else PLATFORM_OF_VENDOR.get(device["vendor"])


def runs_on(engine: dict[str, Any], platform: str | None) -> bool:
    """False only where engines.yaml says the engine does not support the platform."""
    support = engine["hardware"].get(platform) if platform else None
    if isinstance(support, dict):
        support = support.get("support")
    return support is not False


def _check_engine(catalogs: Any, engine: dict[str, Any], device: dict[str, Any], weight_format: dict[str, Any]) -> None:
    family = catalogs.format_families[weight_format["family"]]
    if engine["id"] not in family["engines"]:
        raise RequestError(
            f"--engine: {engine['name']} is not known to load {family['name']} weights ({weight_format['name']}); "
            f"engines that do: {', '.join(family['engines'])}"
        )
    platform = platform_of(device)
    if not runs_on(engine, platform):
        raise RequestError(f"--engine: {engine['name']} does not run on {device['name']} (engines.yaml: hardware.{platform} is false)")


def estimate(catalogs: Any, calibration: Any, request: Request) -> dict[str, Any]:
    """The result the command line prints as JSON: memory, fit, largest context, speeds, assumptions, inputs."""
    chosen = check(catalogs, request)
    model = coefficients.model_coefficients(chosen["model"])
    device_entry = chosen["device"]
    share = coefficients.unified_memory_share(catalogs.unified_memory, device_entry, chosen["memory_gb"])
    device = coefficients.device_coefficients(device_entry, chosen["memory_gb"], share)
    engine = coefficients.engine_coefficients(chosen["rules"], chosen["memory_gb"])
    host = default_host(catalogs, chosen)
    host_numbers = coefficients.device_coefficients(host, host["memory"]["sizes_gb"][-1], None) if host else None
    efficiency = calibration.resolve(device["family"], engine["id"], chosen["split"])
    numbers = {
        "bits_per_weight": coefficients.bits_per_weight(chosen["format"]),
        "kv_element_bytes": chosen["kv_type"]["bytes_per_element"],
        "context": request.context,
        "sequences": request.batch,
        "gpus": request.gpus,
        "split": chosen["split"],
        "prompt_tokens": chosen["prompt_tokens"],
    }
    result = closed_form.evaluate(model, device, engine, efficiency, host_numbers, numbers)
    result["memory"] = {name: round(value) for name, value in result["memory"].items()}
    result["assumptions"] = assumptions(catalogs, chosen, device, engine, efficiency, share, host, result)
    result["inputs"] = {**asdict(request), "memory_gb": chosen["memory_gb"], "split": chosen["split"],
                        "prompt_tokens": chosen["prompt_tokens"], "host": host["id"] if host else None,
                        "format": chosen["format"]["id"]}
    return result


def default_host(catalogs: Any, chosen: dict[str, Any]) -> dict[str, Any] | None:
    """The host whose memory takes what spills over (only for GPUs and engines that can offload)."""
    if chosen["host"] is not None:
        return chosen["host"]
    if chosen["device"]["kind"] in ("unified-memory", "cpu"):
        return None
    return catalogs.hardware.get(catalogs.default_host.get(chosen["device"]["kind"], ""))
