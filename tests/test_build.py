"""The real site, built strictly, checked as HTML; and a build from bad data that must stop cleanly."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from mkdocs.exceptions import PluginError

from sitebrowser import ROOT, build_site
from datafixtures import copy_real_data, load_hook
from guide.escape import markdown_plain
from guide.sitedata import load_site_data

SITE = load_site_data()


def pages(site: Path):
    """Content pages; 404.html links absolutely (from site_url) by design, so it is left out."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts and p.name != "404.html")


def test_every_engine_is_in_the_table_and_has_a_page(built_site):
    table = (built_site / "compare" / "index.html").read_text(encoding="utf-8")
    for engine in SITE.engines:
        assert f'href="../engines/{engine["id"]}/"' in table, engine["id"]
        assert (built_site / "engines" / engine["id"] / "index.html").exists()


def test_engine_pages_get_their_html_blocks_back(built_site):
    """The fact tables and sources go around Markdown (guide/passthrough.py) and land where they belong."""
    for engine in SITE.engines:
        page = (built_site / "engines" / engine["id"] / "index.html").read_text(encoding="utf-8")
        assert "guide-html:" not in page, engine["id"]
        article = page[page.index("<article") : page.index("</article>")]
        assert article.index('<th scope="row">Homepage</th>') < article.index('id="hardware"') < article.index('<th scope="row">NVIDIA</th>'), engine["id"]
        assert article.rindex("<li>Name, repository and homepage:") > article.index('id="sources"'), engine["id"]


def test_flowchart_is_drawn_into_the_choose_page(built_site):
    """The flowchart is drawn at build time from the generated Mermaid source: every node, title and description."""
    choose = html.unescape((built_site / "choose" / "index.html").read_text(encoding="utf-8"))
    svg = re.search(r'<div class="mermaid"[^>]*>.*?</svg>', choose, re.S).group(0)
    assert 'aria-roledescription="flowchart-v2"' in svg
    assert re.search(r"<title[^>]*>" + re.escape(SITE.tree["title"]) + "</title>", svg)
    for node in SITE.tree["nodes"]:
        assert f"n_{node['id']}" in svg, node["id"]


def test_internal_links_and_anchors_resolve(built_site):
    broken = []
    ids_cache: dict[Path, set[str]] = {}
    for page in pages(built_site):
        text = page.read_text(encoding="utf-8")
        for href in re.findall(r'<a [^>]*href="([^"]+)"', text):
            href = html.unescape(href)
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            parts = urlsplit(href)  # a query (the calculator's inputs) names no file
            path, fragment = parts.path, parts.fragment
            target = (page.parent / unquote(path)).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)} -> {href}")
                continue
            if fragment and target.suffix == ".html":
                ids = ids_cache.setdefault(target, set(re.findall(r'id="([^"]+)"', target.read_text(encoding="utf-8"))))
                if fragment not in ids:
                    broken.append(f"{page.relative_to(built_site)} -> {href} (no such anchor)")
    assert broken == []


def test_no_generated_markdown_is_committed():
    assert not (ROOT / "docs" / "engines" / "vllm.md").exists()
    tracked = subprocess.run(["git", "ls-files", "docs/engines"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert tracked == ["docs/engines/index.md"]


def test_bad_data_stops_the_build_with_one_line_per_problem(tmp_path):
    data = copy_real_data(tmp_path / "data")
    engines = (data / "engines.yaml").read_text(encoding="utf-8")
    (data / "engines.yaml").write_text(engines.replace("homepage: https://docs.vllm.ai", "homepage: http://docs.vllm.ai", 1))
    tree = (data / "decision-tree.yaml").read_text(encoding="utf-8")
    (data / "decision-tree.yaml").write_text(tree.replace("label: Does the model fit in VRAM?", "label: ''", 1))
    site = tmp_path / "site"
    result = build_site(site, data_dir=data)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert any("engines.yaml:" in line and "(id 'vllm'): field 'homepage'" in line and "https URL" in line for line in errors)
    assert any("decision-tree.yaml:" in line and "(id 'gpu_fit'): field 'label'" in line for line in errors)
    assert not (site / "index.html").exists(), "a half-built site was written"


def test_unknown_marker_fails_loudly():
    hook = load_hook()
    hook._site = SITE
    page = SimpleNamespace(file=SimpleNamespace(src_uri="learn/page.md"), url="learn/page/", meta={})
    with pytest.raises(PluginError, match=r"learn/page.md: unknown marker <!-- guide:tabel -->"):
        hook.on_page_markdown("Text <!-- guide:tabel -->", page=page, config=None, files=None)
    filled = hook.on_page_markdown("<!-- guide:tree-outline -->", page=page, config=None, files=None)
    assert "(../engines/" in filled


def test_hook_module_is_thin():
    """The hook wires; rendering lives in scripts/guide (reusable by another site engine)."""
    source = (ROOT / "overrides" / "hooks" / "guide.py").read_text(encoding="utf-8")
    assert "jinja2" not in source and "yaml" not in source


HOSTILE = '<script>alert(1)</script> "q" | p # h `t` end [l](x) *em*'


def test_hostile_data_builds_strictly_and_stays_text(tmp_path):
    """The whole pipeline (hook, templates, Material, diagrams, export) with hostile text in data files."""
    data = copy_real_data(tmp_path / "data")
    engines = yaml.safe_load((data / "engines.yaml").read_text(encoding="utf-8"))
    vllm = next(e for e in engines["engines"] if e["id"] == "vllm")
    vllm.update(name=HOSTILE, summary=HOSTILE, pick_when=[HOSTILE])
    vllm["hardware"]["other"] = [HOSTILE]
    (data / "engines.yaml").write_text(yaml.safe_dump(engines, sort_keys=False), encoding="utf-8")
    github = yaml.safe_load((data / "github.yaml").read_text(encoding="utf-8"))
    github["repos"]["vllm-project/vllm"].update(
        source=HOSTILE,
        last_error=HOSTILE,
        stale_since="2026-11-20",
        license={"spdx_id": HOSTILE, "name": HOSTILE, "key": "other"},
        latest_release={"tag": HOSTILE},
    )
    (data / "github.yaml").write_text(yaml.safe_dump(github), encoding="utf-8")
    for name, key, entry in (("models.yaml", "models", "llama-3.1-8b"), ("hardware.yaml", "devices", "nvidia-rtx-4090")):
        catalog = yaml.safe_load((data / name).read_text(encoding="utf-8"))
        next(e for e in catalog[key] if e["id"] == entry)["name"] = HOSTILE
        (data / name).write_text(yaml.safe_dump(catalog, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(site, data_dir=data)
    assert result.returncode == 0, result.stderr[-3000:]
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in text, page.relative_to(site)
        assert '<a href="x">' not in text and "<em>em</em>" not in text, page.relative_to(site)
    vllm = (site / "engines" / "vllm" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in vllm or "&#60;script&#62;alert(1)&#60;/script&#62;" in vllm
    exported = json.loads((site / "api" / "engines.json").read_text(encoding="utf-8"))
    assert any(record.get("name") == HOSTILE for record in exported["engines"])
    plain = markdown_plain(HOSTILE)
    assert f"- [{plain}](https://llm-inference-guide.github.io/llm-inference-guide/engines/vllm/): {plain}\n" in (site / "llms.txt").read_text(encoding="utf-8")


def test_every_model_has_a_page_with_its_estimates(built_site):
    from guide.catalogs import load_catalogs

    catalogs = load_catalogs(SITE.engines)
    index = (built_site / "models" / "index.html").read_text(encoding="utf-8")
    for model_id, model in catalogs.models.items():
        assert f'href="{model_id}/"' in index, model_id
        page = (built_site / "models" / model_id / "index.html").read_text(encoding="utf-8")
        assert "guide-html:" not in page and "<h2" in page, model_id
        if model["architecture"].get("layers"):
            assert "What runs it" in page and "tokens/s (" in page, model_id
    gemma = html.unescape((built_site / "models" / "gemma-3-27b" / "index.html").read_text(encoding="utf-8"))
    assert "52 sliding-window layers of 1,024 tokens" in gemma
    assert "NaN" not in gemma and "None" not in gemma and "Infinity" not in gemma


def test_hardware_page_lists_every_device_with_sources(built_site):
    from guide.catalogs import load_catalogs
    from guide.estimates import HARDWARE_SECTIONS

    catalogs = load_catalogs(SITE.engines)
    page = html.unescape((built_site / "hardware" / "index.html").read_text(encoding="utf-8"))
    # One table per kind, each under its heading, in HARDWARE_SECTIONS order: every device once, in its kind's table.
    sections = re.findall(r'<h2 id="([a-z-]+)">.*?</h2>\s*<div class="guide-wide-table guide-hardware-kind" data-heading="\1"'
                          r' style="--rows: (\d+)">(.*?)</table>', page, re.DOTALL)
    kinds = [kind for kind in HARDWARE_SECTIONS if any(d["kind"] == kind for d in catalogs.hardware.values())]
    assert [kind for kind, _, _ in sections] == kinds
    rows = {}
    for kind, count, table in sections:
        assert table.count("<tr") == int(count) + 1, kind
        named = {re.search(r'data-name="([^"]*)"', row)[1]: row for row in table.split("<tr>")[2:]}
        rows.update((name, (kind, row)) for name, row in named.items())
    assert len(rows) == len(catalogs.hardware)
    for device in catalogs.hardware.values():
        kind, row = rows[device["name"]]
        assert kind == device["kind"], device["id"]
        groups = [device[key] for key in ("memory", "bandwidth_gb_s", "fp16_tflops") if (device.get(key) or {}).get("sources")]
        sources = [source for group in groups for source in group["sources"]]
        # Folded into the row's own <details>: the count it announces, then every source, "secondary" spelled out.
        count = len(sources)
        assert f"<summary>{count} source{'s' if count != 1 else ''}</summary>" in row, device["id"]
        for source in sources:
            assert f'href="{source["url"]}"' in row, (device["id"], source["url"])
            marked = re.search(re.escape(source["url"]) + r'">[^<]*</a> \(secondary\)', row)
            assert bool(marked) == bool(source.get("secondary")), (device["id"], source["url"])


def test_methodology_page_publishes_the_validation_table(built_site):
    page = html.unescape((built_site / "learn" / "estimates" / "index.html").read_text(encoding="utf-8"))
    assert "All devices" in page and "decode speed" in page and "Unseen device: median / 90th pct" in page
    assert re.search(r"to the byte: (\d+) of \1", re.sub(r"<[^>]+>", "", page))


def test_what_changed_lists_every_status_note_newest_first(built_site):
    page = (built_site / "changes" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    items = re.findall(r"<li><strong>([0-9-]+)</strong> · <a href=\"\.\./engines/([a-z0-9-]+)/\">.*?</a> \(([a-z]+)\): (.*?)</li>", article, re.S)
    notes = [(n["date"], e["id"], n["kind"]) for e in SITE.engines for n in e.get("status") or []]
    assert sorted((d, e, k) for d, e, k, _ in items) == sorted(notes)
    assert [d for d, *_ in items] == sorted((d for d, *_ in items), reverse=True)
    for engine in SITE.engines:
        for note in engine.get("status") or []:
            assert f'href="{html.escape(note["source"])}"' in article, (engine["id"], note["source"])
    assert 'href="changes/"' in (built_site / "index.html").read_text(encoding="utf-8"), "in the nav"
