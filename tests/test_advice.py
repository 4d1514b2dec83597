"""Advice follows the facts: no pick_when or avoid_when line calls a capability missing or unknown while the
same engine's data says it is there.

A narrow rule set for the obvious cases. A line contradicts the data when it names a capability (a serving
capability or a platform, by the words below) together with
- "not verified", "not documented" or "unknown": the data says supported or partial, so it was settled;
- "no <capability> support/backend/build", "no support for <capability>", "does not support <capability>",
  "<capability> ... is not supported" or "<capability> ... unsupported": the data says fully supported.
The words must be in the same clause (up to a ';', '.' or ':'), so "You are on a Mac; no GPU is needed" does not
read as "no Mac".
"""

from __future__ import annotations

import re

import pytest

from guide.sitedata import load_site_data, support_of

SITE = load_site_data()

# Words that name each capability in an advice line.
TERMS = {
    "serving.openai_compatible_server": r"openai[- ]compatible (?:api|server)",
    "serving.tensor_parallel": r"tensor[- ]parallel(?:ism)?",
    "serving.pipeline_parallel": r"pipeline[- ]parallel(?:ism)?",
    "serving.multi_node": r"multi[- ]node|several machines|more than one machine",
    "serving.cpu_gpu_offload": r"(?:cpu\s*\+\s*gpu |cpu[- ]gpu )?offload(?:ing)?",
    "serving.disaggregated_prefill_decode": r"disaggregat\w*|prefill[- /]decode split",
    "hardware.nvidia": r"nvidia(?: gpus?)?",
    "hardware.amd": r"amd(?: gpus?)?|rocm",
    "hardware.intel": r"intel(?! macs?)(?: gpus?)?",  # an Intel Mac is a Mac without Apple Silicon
    "hardware.apple": r"apple silicon|(?<!intel )macs?|macos",
}
UNSETTLED = r"(?:is |are )?(?:not (?:verified|documented)|unknown)"
MISSING = [
    r"\bno (?:{term})(?: gpu)? (?:support|backend|build)\b",
    r"\bno (?:support|backend) for (?:{term})\b",
    r"\b(?:does|do) not (?:support|offer|have) (?:\w+ ){{0,3}}(?:{term})\b",
    r"\b(?:{term})\b[^;.:]*\b(?:is|are) not supported\b",
    r"\b(?:{term})\b[^;.:]*\bunsupported\b",
]


def clauses(line: str) -> list[str]:
    return [part.strip().lower() for part in re.split(r"[;.:]\s", line) if part.strip()]


def contradictions(engine: dict) -> list[str]:
    """Each advice line of `engine` that calls a capability missing or unknown while the data says otherwise."""
    found = []
    for key in ("pick_when", "avoid_when"):
        for line in engine.get(key) or []:
            for clause in clauses(line):
                for fact, term in TERMS.items():
                    group, field = fact.split(".")
                    support = support_of((engine.get(group) or {}).get(field))[0]
                    if not re.search(rf"\b(?:{term})\b", clause):
                        continue
                    if support in (True, "partial") and re.search(rf"\b(?:{term})\b[^;.:]*\b{UNSETTLED}\b", clause):
                        found.append(f"{engine['id']}: {key}: '{line}' calls {fact} unsettled, but the data says {support}")
                    elif support is True and any(re.search(p.format(term=term), clause) for p in MISSING):
                        found.append(f"{engine['id']}: {key}: '{line}' calls {fact} missing, but the data says true")
    return found


def test_no_advice_line_contradicts_its_engines_facts():
    assert [problem for engine in SITE.engines for problem in contradictions(engine)] == []


def engine_with(advice: str, **facts) -> dict:
    engine = {"id": "x", "avoid_when": [advice], "serving": {}, "hardware": {}}
    for fact, value in facts.items():
        group, field = fact.split("__")
        engine[group][field] = value
    return engine


@pytest.mark.parametrize(
    ("advice", "facts"),
    [
        # The audit's own examples, before the data was corrected.
        ("The model does not fit in GPU memory; CPU+GPU offload is not verified for vLLM.", {"serving__cpu_gpu_offload": True}),
        ("You are on a Mac; Apple Silicon support is not documented.", {"hardware__apple": {"support": "partial", "note": "MLX"}}),
        ("Multi-node serving is unknown for this engine.", {"serving__multi_node": True}),
        ("Your GPUs are AMD; the engine has no ROCm support.", {"hardware__amd": True}),
        ("It does not support tensor parallelism.", {"serving__tensor_parallel": True}),
        ("Pipeline parallelism is not supported.", {"serving__pipeline_parallel": True}),
    ],
)
def test_a_contradicting_line_is_caught(advice, facts):
    assert len(contradictions(engine_with(advice, **facts))) == 1


@pytest.mark.parametrize(
    ("advice", "facts"),
    [
        # Unknown or missing in the data: saying so is right.
        ("CPU+GPU offload is not verified.", {"serving__cpu_gpu_offload": None}),
        ("You need multi-node serving; none is documented.", {"serving__multi_node": None}),
        ("Your GPU is AMD; there is no ROCm build.", {"hardware__amd": False}),
        # Partial support: "no" may be too strong, but it is not an obvious contradiction.
        ("You need mature tensor parallelism; there is no stable tensor split.", {"serving__tensor_parallel": {"support": "partial", "note": "experimental"}}),
        # A negation in another clause does not attach to the capability.
        ("You are on a Mac; no GPU setup is needed there.", {"hardware__apple": True}),
        # The reader's hardware, not the engine's, lacks it.
        ("Your target GPU has Vulkan or Metal but no CUDA or ROCm.", {"hardware__amd": True}),
        ("You are on an Intel Mac, which is not supported.", {"hardware__apple": True, "hardware__intel": True}),
    ],
)
def test_a_line_that_agrees_with_the_data_passes(advice, facts):
    assert contradictions(engine_with(advice, **facts)) == []
