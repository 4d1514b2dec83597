"""`scripts/estimate.py`: will a model fit on a device, and how fast will it run? See --help.

Exit status: 0 an estimate was printed; 2 the options were wrong (one line saying which and what was
expected, with the nearest ids for a typo); 4 a data file is invalid.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from estimator import calibrated
from estimator.estimate import Request, RequestError, estimate
from guide.catalogs import load_catalogs
from guide.problems import DataError
from guide.sitedata import DATA_DIR, load_site_data

EXIT_USAGE, EXIT_DATA = 2, 4


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, status 2, no usage dump
        raise RequestError(message)


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="scripts/estimate.py",
        description="Estimate the memory a model needs on a device, whether it fits, the largest context that fits, "
        "and decode and prefill speed, from the catalogs in data/ and efficiencies fitted on published measurements.",
        epilog="Ids are those of data/models.yaml, data/hardware.yaml and data/engines.yaml; --list prints them.",
    )
    p.add_argument("--model", help="model id, e.g. llama-3.1-8b")
    p.add_argument("--hardware", help="device id, e.g. nvidia-rtx-4090, or 'custom' with --memory-gb and --bandwidth-gb-s")
    p.add_argument("--format", help="weight format, e.g. Q4_K_M, FP16, AWQ-4bit")
    p.add_argument("--context", type=_whole(), help="context length in tokens")
    p.add_argument("--batch", type=_whole(), default=1, help="concurrent sequences (default 1)")
    p.add_argument("--gpus", type=_whole(), default=1, help="number of identical GPUs (default 1)")
    p.add_argument("--split", choices=["tensor", "layer", "row"], help="how several GPUs share the model (default: the engine's)")
    p.add_argument("--engine", help="engine id, e.g. llama-cpp or vllm: applies its memory rules and its fitted efficiency")
    p.add_argument("--kv-cache-type", default="f16", help="KV cache type: f16, q8_0, q4_0 or fp8 (default f16)")
    p.add_argument("--memory-gb", type=_number(), help="for a device sold with several memory sizes, which one (default: the largest); for a custom device, its memory")
    p.add_argument("--bandwidth-gb-s", type=_number(), help="for --hardware custom: its memory bandwidth in GB/s")
    p.add_argument("--prompt-tokens", type=_whole(), help="prompt length for the time to first token (default: 1000, or the context if smaller)")
    p.add_argument("--host", help="CPU platform id whose memory takes what does not fit (default: by device kind)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")
    p.add_argument("--list", choices=["models", "hardware", "formats", "engines"], help="print the valid ids and stop")
    p.add_argument("--data-dir", type=Path, default=DATA_DIR, help=argparse.SUPPRESS)  # tests: another data folder
    return p


def _whole():
    def convert(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    return convert


def _number():
    def convert(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not math.isfinite(value) or value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r}, expected a positive number")
        return value
    return convert


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        site = load_site_data(args.data_dir)
        catalogs = load_catalogs(site.engines, args.data_dir)
        if args.list:
            print("\n".join(_ids(catalogs, args.list)))
            return 0
        missing = [f"--{name}" for name in ("model", "hardware", "format", "context") if getattr(args, name) is None]
        if missing:
            raise RequestError(f"{', '.join(missing)}: required (see --help; --list models shows the model ids)")
        request = Request(
            model=args.model, hardware=args.hardware, format=args.format, context=args.context, batch=args.batch,
            gpus=args.gpus, engine=args.engine, kv_cache_type=args.kv_cache_type.lower(), memory_gb=args.memory_gb,
            split=args.split, prompt_tokens=args.prompt_tokens, host=args.host, bandwidth_gb_s=args.bandwidth_gb_s,
        )
        result = estimate(catalogs, calibrated.calibration(catalogs), request)
    except RequestError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as error:
        print(str(error), file=sys.stderr)
        return EXIT_DATA
    print(json.dumps(result, indent=2) if args.json else summary_text(catalogs, result))
    return 0


def _ids(catalogs: Any, kind: str) -> list[str]:
    table = {"models": catalogs.models, "hardware": catalogs.hardware, "engines": catalogs.engines}
    if kind == "formats":
        return [f"{f['name']}  ({f['id']})" for f in catalogs.formats.values()]
    return [f"{key}  {entry.get('name', '')}" for key, entry in table[kind].items()]


def summary_text(catalogs: Any, result: dict[str, Any]) -> str:
    inputs, memory = result["inputs"], result["memory"]
    model = catalogs.models[inputs["model"]]["name"]
    entry = catalogs.hardware.get(inputs["hardware"])
    if entry is None:  # --hardware custom
        device = f"a custom device ({inputs['memory_gb']:g} GB, {inputs['bandwidth_gb_s']:g} GB/s)"
    else:
        device = entry["name"] + (f" ({inputs['memory_gb']:g} GB)" if len(entry["memory"]["sizes_gb"]) > 1 else "")
    gpus = f"{inputs['gpus']} x " if inputs["gpus"] > 1 else ""
    verdict = {"yes": "fits", "offload": "fits only with CPU offload", "no": "does not fit"}[result["fits"]]
    lines = [
        f"{model}, {catalogs.formats[inputs['format']]['name']}, {inputs['context']:,} tokens x {inputs['batch']} on {gpus}{device}: {verdict}",
        "(GB and GiB: 2^30 bytes, the unit memory sizes are sold in)",
        "",
        "Memory (estimate):",
        f"  weights        {_gib(memory['weights_bytes'])}",
        f"  KV cache       {_gib(memory['kv_cache_bytes'])}",
        f"  working memory {_gib(memory['overhead_bytes'])}",
        f"  total          {_gib(memory['total_bytes'])}  of {_gib(memory['available_bytes'])} available",
        f"  largest context that fits in device memory: {result['max_context']:,} tokens",
    ]
    decode = result["decode_tokens_per_s"]
    if decode:
        band = f"{decode['expected']:.1f} tokens/s (band {decode['low']:.1f}-{decode['high']:.1f})" if decode["expected"] else "no fitted estimate"
        lines.append(f"Decode (estimate): {band}; bandwidth ceiling {decode['ceiling']:.1f} tokens/s")
    prefill = result["prefill_tokens_per_s"]
    if prefill:
        lines.append(
            f"Prefill (estimate): {prefill['expected']:,.0f} tokens/s; time to first token for {inputs['prompt_tokens']:,} "
            f"tokens {prefill['time_to_first_token_s']:.2f} s"
        )
    lines += ["", "Assumptions:"] + [f"  - {text}" for text in result["assumptions"]]
    lines.append("Measured error of these estimates: make validate, or the site's 'How we estimate' page.")
    return "\n".join(lines)


def _gib(value: float) -> str:
    return f"{value / 2**30:8.2f} GiB"
