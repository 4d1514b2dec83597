"""launch.js builds exactly the commands scripts/launch/commands.py builds, from the exported api/launch.json."""

from __future__ import annotations

import itertools

from guide.catalogs import load_catalogs
from guide.sitedata import load_site_data
from launch.catalog import load_launch, request
from launch.commands import build
from reader import reader

CATALOGS = load_catalogs(load_site_data().engines)
LAUNCH = load_launch(CATALOGS)
STATES = [
    {"engine": engine, "model": model, "format": fmt, "context": context, "batch": batch, "gpus": gpus, "split": split, "kv_cache_type": kv}
    for engine, model, fmt, context, batch, gpus, split, kv in itertools.product(
        sorted(LAUNCH), ("llama-3.1-8b", "gemma-3-27b"), ("q4_k_m", "bf16", "fp8"), (8192,), (1, 4), (1, 2), ("tensor", "layer"), ("f16", "q8_0", "fp8")
    )
]


def test_the_browser_builds_the_same_commands(browser, site_url):
    expected = [build(LAUNCH[s["engine"]], request(CATALOGS, s)) for s in STATES]
    with reader(browser, site_url + "engines/vllm/") as page:
        page.evaluate(
            """(root) => { const s = document.createElement("script"); s.dataset.guideLaunch = root + "api/launch.json"; document.body.append(s); }""",
            site_url,
        )
        page.add_script_tag(url=site_url + "assets/javascripts/launch.js")
        got = page.evaluate("(states) => Promise.all(states.map((s) => window.guideLaunch.command(s.engine, s)))", STATES)
    assert len(STATES) >= 500
    mismatches = [(s, e, g) for s, e, g in zip(STATES, expected, got) if e != g]
    assert mismatches == [], mismatches[:3]
    assert sum(1 for e in expected if e["ok"]) > 200 and sum(1 for e in expected if not e["ok"]) > 50
