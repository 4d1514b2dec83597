"""The fit-and-speed calculator (docs/calculator.md) as a reader works it: defaults, typing, bad input, custom
devices, shared links, Back, hostile links, the reverse lists, engine compatibility, search, phones, labels.

The arithmetic itself is checked request by request in test_conformance.py; here the page is read as text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from contextlib import contextmanager
from html import unescape
from urllib.parse import parse_qs, quote, urlparse

import pytest
from playwright.sync_api import expect

from audit.axe import axe_violations, describe
from estimator import calibrated
from estimator.estimate import CUSTOM, Request, RequestError, estimate
from guide.catalogs import load_catalogs
from guide.sitedata import load_site_data
from reader import contrast, reader
from sitebrowser import ROOT

CATALOGS = load_catalogs(load_site_data().engines)
CALIBRATION = calibrated.calibration(CATALOGS)
MODELS = {m["id"]: m for m in CATALOGS.models.values() if m["architecture"].get("layers") is not None}
DEVICES = CATALOGS.hardware
VERDICTS = {"yes": "Fits", "offload": "Fits only with CPU offload", "no": "Does not fit"}
DEFAULT_VERDICT = "Fits: Llama 3.1 8B Instruct at Q4_K_M, 8,192 tokens × 1 on NVIDIA GeForce RTX 4090 (24 GB)."
# Words a script writes when it formats a missing or broken number.
BROKEN = re.compile(r"\b(NaN|Infinity|undefined|null)\b")
# Every label in scripts/guide/templates/calculator.html.j2 -> the controls it names.
LABELS = {
    "Search models": {"calc-model-search"},
    "Model": {"calc-model"},
    "Weight format": {"calc-format"},
    "Context length (tokens)": {"calc-context"},
    "Concurrent sequences": {"calc-batch"},
    "Prompt length for the time to first token (tokens)": {"calc-prompt_tokens"},
    "KV cache type": {"calc-kv_cache_type"},
    "Search devices": {"calc-device-search"},
    "Device": {"calc-device"},
    "Memory (GB)": {"calc-memory_gb", "calc-memory_gb-custom"},  # the sizes list, or the typed figure for a custom device
    "Memory bandwidth (GB/s)": {"calc-bandwidth_gb_s"},
    "Number of GPUs": {"calc-gpus"},
    "How the GPUs share the model": {"calc-split"},
    "Engine": {"calc-engine"},
}
PHONE = {"width": 390, "height": 844}
FIRST_ROWS = 15  # a reverse list shows this many rows until the reader asks for all


@contextmanager
def calculator(browser, url, **options):
    """The calculator page once its script has loaded the data and drawn the first answer."""
    with reader(browser, url, **options) as page:
        expect(page.locator('.guide-calc[data-ready="true"]')).to_be_attached()
        yield page


def verdict(page):
    return page.locator(".guide-calc__verdict")


def details(page):
    return page.locator(".guide-calc__details")


def control(page, name):
    return page.locator(f"#calc-{name}")


def form_values(page) -> dict[str, str]:
    """Every visible control of the form and its value, as a reader sees the form."""
    return page.locator(".guide-calc form").evaluate(
        """(form) => Object.fromEntries([...form.querySelectorAll("input:not([type=search]), select")]
            .filter((e) => e.offsetParent !== null).map((e) => [e.id, e.value]))"""
    )


def expect_no_broken_words(page):
    text = page.locator(".guide-calc").inner_text()
    assert BROKEN.findall(text) == [], text


def expect_a_result(page, fits=None):
    expect(verdict(page)).to_have_attribute("data-fits", re.compile(fits or "yes|offload|no"))
    expect(details(page).locator(".guide-calc__bar")).to_be_visible()
    expect_no_broken_words(page)


def expect_no_result(page):
    expect(verdict(page)).to_have_text("Fix the marked field to see an estimate.")
    expect(verdict(page)).not_to_have_attribute("data-fits", re.compile(".*"))
    expect(details(page).locator("> *")).to_have_count(0)
    expect(page.locator("[data-guide-launch-container] > *")).to_have_count(0)
    expect_no_broken_words(page)


def cli(**options) -> dict:
    """What `scripts/estimate.py --json` answers for these options."""
    argv = [sys.executable, str(ROOT / "scripts" / "estimate.py"), "--json"]
    for key, value in options.items():
        argv += [f"--{key.replace('_', '-')}", str(value)]
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def numbers(text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


def shown(value: float) -> float:
    """A rate as the page writes it: whole above 100, one decimal below."""
    return round(value) if value >= 100 else round(value, 1)


def decode_line(page):
    return page.locator(".guide-calc__speeds dt:has-text('Decode') + dd")


# -- 1. What the page opens with


def test_defaults_show_a_full_answer(browser, site_url, built_site):
    """The page opens on Llama 3.1 8B, Q4_K_M, an RTX 4090 and llama.cpp, and says it fits, with every part of the answer."""
    python = cli(model="llama-3.1-8b", hardware="nvidia-rtx-4090", format="q4_k_m", context=8192, engine="llama-cpp", prompt_tokens=1000)
    with calculator(browser, site_url + "calculator/") as page:
        expect(control(page, "model")).to_have_value("llama-3.1-8b")
        expect(control(page, "format")).to_have_value("q4_k_m")
        expect(control(page, "device")).to_have_value("nvidia-rtx-4090")
        expect(control(page, "engine")).to_have_value("llama-cpp")
        expect(control(page, "context")).to_have_value("8192")
        expect(verdict(page)).to_have_text(DEFAULT_VERDICT)
        expect(verdict(page).locator("strong")).to_have_text("Fits")
        expect(page.locator(".guide-calc__notice")).to_be_hidden()

        expect(details(page)).to_contain_text(f"Largest context that fits: {python['max_context']:,} tokens (estimate).")
        bar = details(page).get_by_role("img", name=re.compile(r"^Memory: weights [\d.]+ GiB, kv cache [\d.]+ GiB, working memory [\d.]+ GiB; total"))
        expect(bar).to_be_visible()
        legend = details(page).locator(".guide-calc__legend li")
        expect(legend).to_have_text([re.compile(rf"^{name}: [\d.]+ GiB$") for name in ("Weights", "KV cache", "Working memory", "Available")])
        expect(legend.last).to_have_text("Available: 24.0 GiB")

        line = decode_line(page).first
        expect(line).to_have_text(re.compile(r"^[\d,.]+ tokens/s, band [\d,.]+–[\d,.]+; bandwidth ceiling [\d,.]+ tokens/s$"))
        expected, low, high, ceiling = numbers(line.inner_text())
        decode = python["decode_tokens_per_s"]
        for got, want in zip((expected, low, high, ceiling), (decode["expected"], decode["low"], decode["high"], decode["ceiling"])):
            assert got == pytest.approx(shown(want), rel=0.01, abs=0.6), (line.inner_text(), decode)
        assert low <= expected <= high <= ceiling
        first_token = page.locator(".guide-calc__speeds dt", has_text="Time to first token, 1,000-token prompt (estimate)")
        expect(first_token).to_be_visible()
        expect(page.locator(".guide-calc__speeds dt:has-text('Time to first token') + dd")).to_have_text(
            re.compile(r"^(\d+ ms|[\d.]+ s); prefill [\d,]+ tokens/s, band [\d,]+–[\d,]+$"))

        expect(details(page).get_by_role("heading", name="Engines that run it on this hardware")).to_be_visible()
        links = details(page).locator(".guide-calc__engines a")
        assert links.count() >= 3
        expect(links.first).to_have_text("llama.cpp")
        for path in links.evaluate_all("links => links.map((a) => new URL(a.href).pathname)"):
            assert re.fullmatch(r"/engines/[a-z0-9.-]+/", path), path
            assert (built_site / path.strip("/") / "index.html").is_file(), f"{path} is not a page of the site"

        summary = details(page).get_by_text("Assumptions behind these figures")
        summary.click()
        expect(details(page).locator("details li")).to_have_text(python["assumptions"])

        launch = page.locator("[data-guide-launch-container]")
        expect(launch.get_by_role("heading", name="Start it with llama.cpp")).to_be_visible()
        expect(launch.locator("pre code").first).to_contain_text("llama-server")
        expect_no_broken_words(page)


# -- 2. Changing the inputs


def test_changing_inputs_updates_the_answer(browser, site_url):
    """A 405 B model does not fit a 24 GB card; the 128k button and typing both change the context in the answer."""
    with calculator(browser, site_url + "calculator/") as page:
        control(page, "model").select_option("llama-3.1-405b")
        expect(verdict(page).locator("strong")).to_have_text("Does not fit")
        expect(verdict(page)).to_contain_text("Llama 3.1 405B Instruct at Q4_K_M")
        expect(decode_line(page)).to_have_text("It does not fit, so there is no speed to estimate.")
        page.get_by_role("button", name="128k").click()
        expect(control(page, "context")).to_have_value("131072")
        expect(verdict(page)).to_contain_text("131,072 tokens")
        control(page, "model").select_option("llama-3.1-8b")
        expect(verdict(page).locator("strong")).to_have_text("Fits")
        control(page, "context").fill("20000")
        expect(verdict(page)).to_have_text(re.compile(r"^Fits: Llama 3\.1 8B Instruct at Q4_K_M, 20,000 tokens × 1 on NVIDIA GeForce RTX 4090"))
        expect_no_broken_words(page)


# -- 3. Bad typed input

BAD = ["", "-5", "0", "abc", "1e12", "1000000000000"]
TYPED = [
    # field, the control typed into, a good value, bad values, needs a custom device
    ("context", "context", "8192", BAD + ["3.5"], False),
    ("batch", "batch", "1", BAD + ["3.5"], False),
    ("prompt_tokens", "prompt_tokens", "1000", BAD + ["3.5"], False),
    ("gpus", "gpus", "1", BAD + ["3.5"], False),
    ("memory_gb", "memory_gb-custom", "24", BAD, True),
    ("bandwidth_gb_s", "bandwidth_gb_s", "936", BAD, True),
]


@pytest.mark.parametrize("field, name, good, bad, custom", TYPED, ids=[t[0] for t in TYPED])
def test_bad_input_is_marked_at_its_field(browser, site_url, field, name, good, bad, custom):
    """Empty, negative, zero, words, absurd sizes and fractions get a message by the field and no answer; fixing it brings the answer back."""
    with calculator(browser, site_url + "calculator/") as page:
        if custom:
            control(page, "device").select_option(CUSTOM)
            control(page, "memory_gb-custom").fill("24")
            control(page, "bandwidth_gb_s").fill("936")
        box, error = control(page, name), page.locator(f"#calc-{field}-error")
        expect_a_result(page)
        for value in bad:
            box.fill(value)
            expect(error).to_be_visible()
            expect(error).not_to_be_empty()
            expect(box).to_have_attribute("aria-invalid", "true")
            expect(page.locator(f'[data-field="{field}"] #calc-{field}-error')).to_have_count(1)  # next to its field
            expect_no_result(page)
            box.fill(good)
            expect(error).to_be_hidden()
            expect(box).not_to_have_attribute("aria-invalid", "true")
            expect_a_result(page, "yes")
        expect(page.locator("[aria-invalid]")).to_have_count(0)


# -- 4. A custom device, against the command line

CUSTOM_CASES = [("llama-3.1-8b", 8192), ("qwen3-32b", 32768), ("llama-3.1-405b", 8192)]


@pytest.mark.parametrize("model, context", CUSTOM_CASES, ids=[c[0] for c in CUSTOM_CASES])
def test_a_custom_device_answers_as_the_command_line_does(browser, site_url, model, context):
    """Custom device, 24 GB at 936 GB/s: the same verdict, largest context and decode speed as scripts/estimate.py --hardware custom."""
    python = cli(model=model, hardware="custom", memory_gb=24, bandwidth_gb_s=936, format="q4_k_m", context=context, engine="llama-cpp", prompt_tokens=1000)
    with calculator(browser, site_url + "calculator/") as page:
        expect(control(page, "memory_gb-custom")).to_be_hidden()
        expect(control(page, "bandwidth_gb_s")).to_be_hidden()
        control(page, "model").select_option(model)
        control(page, "context").fill(str(context))
        control(page, "device").select_option(CUSTOM)
        expect(page.get_by_label("Memory (GB)").and_(control(page, "memory_gb-custom"))).to_be_visible()
        expect(page.get_by_label("Memory bandwidth (GB/s)")).to_be_visible()
        expect(control(page, "memory_gb")).to_be_hidden()
        control(page, "memory_gb-custom").fill("24")
        control(page, "bandwidth_gb_s").fill("936")
        name = MODELS[model]["name"]
        expect(verdict(page)).to_have_text(f"{VERDICTS[python['fits']]}: {name} at Q4_K_M, {context:,} tokens × 1 on Custom device (24 GB).")
        expect(details(page)).to_contain_text(f"Largest context that fits: {python['max_context']:,} tokens (estimate).")
        decode = python["decode_tokens_per_s"]
        if decode:
            got = numbers(decode_line(page).first.inner_text())
            assert got[0] == pytest.approx(shown(decode["expected"]), rel=0.01, abs=0.06)
            assert got[3] == pytest.approx(shown(decode["ceiling"]), rel=0.01, abs=0.06)
        else:
            expect(decode_line(page)).to_have_text("It does not fit, so there is no speed to estimate.")
        expect_no_broken_words(page)


# -- 5. A shared link


def commit(page, name, text):
    """Type into a field and leave it, as a reader does: the change becomes a history entry."""
    control(page, name).fill(text)
    control(page, name).press("Tab")


def set_shared_state(page, custom):
    control(page, "model").select_option("qwen3-14b")
    control(page, "format").select_option("q8_0")
    commit(page, "context", "32768")
    commit(page, "batch", "2")
    control(page, "kv_cache_type").select_option("q8_0")
    if custom:
        control(page, "device").select_option(CUSTOM)
        commit(page, "memory_gb-custom", "48")
        commit(page, "bandwidth_gb_s", "1000")
        commit(page, "gpus", "2")
        return {"model": "qwen3-14b", "format": "q8_0", "context": "32768", "batch": "2", "kv": "q8_0", "device": CUSTOM,
                "memory": "48", "bandwidth": "1000", "gpus": "2", "engine": "llama-cpp"}
    control(page, "device").select_option("nvidia-rtx-3090")
    control(page, "engine").select_option("ollama")
    return {"model": "qwen3-14b", "format": "q8_0", "context": "32768", "batch": "2", "kv": "q8_0", "device": "nvidia-rtx-3090", "engine": "ollama"}


@pytest.mark.parametrize("custom", [False, True], ids=["catalog device", "custom device"])
def test_a_shared_link_reopens_the_same_inputs(browser, site_url, custom):
    """After changing the inputs the address holds them; opening it elsewhere shows the same form and the same answer."""
    with calculator(browser, site_url + "calculator/") as page:
        wanted = set_shared_state(page, custom)
        expect_a_result(page)
        expect(page).to_have_url(re.compile(r"engine="))
        query = {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}
        assert {k: query.get(k) for k in wanted} == wanted, page.url
        url, values, said = page.url, form_values(page), verdict(page).inner_text()
        decode = decode_line(page).first.inner_text()
    with calculator(browser, url) as fresh:
        assert form_values(fresh) == values
        expect(verdict(fresh)).to_have_text(said)
        expect(decode_line(fresh).first).to_have_text(decode)
        expect(fresh.locator(".guide-calc__notice")).to_be_hidden()


# -- 6. Back


def test_back_restores_the_previous_inputs_and_answer(browser, site_url):
    """Another model, then another device: Back undoes the device, Back again the model; Forward redoes."""
    with calculator(browser, site_url + "calculator/") as page:
        start = (form_values(page), verdict(page).inner_text())
        control(page, "model").select_option("qwen3-32b")
        expect(verdict(page)).to_contain_text("Qwen3-32B")
        first = (form_values(page), verdict(page).inner_text())
        control(page, "device").select_option("nvidia-rtx-3060-12gb")
        expect(verdict(page)).to_contain_text("RTX 3060")
        second = verdict(page).inner_text()
        assert len({start[1], first[1], second}) == 3
        page.go_back()
        expect(verdict(page)).to_have_text(first[1])
        expect(control(page, "device")).to_have_value("nvidia-rtx-4090")
        expect(control(page, "model")).to_have_value("qwen3-32b")
        assert form_values(page) == first[0]
        page.go_back()
        expect(verdict(page)).to_have_text(start[1])
        expect(control(page, "model")).to_have_value("llama-3.1-8b")
        assert form_values(page) == start[0]
        page.go_forward()
        expect(verdict(page)).to_have_text(first[1])


# -- 7. A hostile link

SCRIPTS_IN_CALC = "() => document.querySelectorAll('.guide-calc script').length"


def test_a_hostile_link_is_refused_and_never_written_into_the_page(browser, site_url):
    """Markup, quotes and a 5,000-character value in the link: the page opens on its defaults, says which parameters it ignored, runs nothing."""
    with reader(browser, site_url + "calculator/", javascript=False) as static:
        built_scripts = static.evaluate(SCRIPTS_IN_CALC)
    long_value = ("hostile" * 800)[:5000]
    query = "&".join([
        "model=" + quote("<script>alert(1)</script>"),
        "context=abc",
        "device=" + quote('x"onmouseover=1'),
        "engine=" + long_value,
    ])
    with reader(browser, "about:blank") as page:
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(site_url + "calculator/?" + query)
        expect(page.locator('.guide-calc[data-ready="true"]')).to_be_attached()
        notice = page.locator(".guide-calc__notice")
        expect(notice).to_be_visible()
        named = re.search(r"\(([^)]*)\)", notice.inner_text())
        assert named and set(named.group(1).split(", ")) == {"model", "context", "device", "engine"}, notice.inner_text()
        expect(verdict(page)).to_have_text(DEFAULT_VERDICT)
        expect(control(page, "model")).to_have_value("llama-3.1-8b")
        expect(control(page, "context")).to_have_value("8192")
        expect(control(page, "device")).to_have_value("nvidia-rtx-4090")
        expect(control(page, "engine")).to_have_value("llama-cpp")
        page.locator(".guide-calc").hover()
        assert page.evaluate(SCRIPTS_IN_CALC) == built_scripts
        html = page.content()
        for hostile in ("alert(1)", "<script>alert", "onmouseover", "hostilehostile", "&lt;script&gt;"):
            assert hostile not in html, hostile
        assert "hostile" not in page.url and "script" not in page.url, page.url
        assert dialogs == []


def notice_names(page) -> set[str]:
    """The parameters the notice says it ignored (none when it is hidden)."""
    notice = page.locator(".guide-calc__notice")
    if not notice.is_visible():
        return set()
    named = re.search(r"\(([^)]*)\)", notice.inner_text())
    return set(named.group(1).split(", ")) if named else {notice.inner_text()}


# A link, what the form must keep from it, and the parameters the notice may name.
MISMATCHED = [
    ("model=llama-2-7b", {"model": "llama-2-7b"}, set()),  # a model whose context is shorter than the default 8,192
    ("model=qwen3-8b&context=500000", {"model": "qwen3-8b"}, {"context"}),
    ("model=qwen3-8b&device=custom&memory=24", {"model": "qwen3-8b"}, {"device", "memory", "bandwidth"}),  # no bandwidth
    ("model=qwen3-8b&format=awq-4bit", {"model": "qwen3-8b", "format": "awq-4bit"}, set()),  # the default engine does not load AWQ
]


@pytest.mark.parametrize("query, kept, may_name", MISMATCHED, ids=[m[0] for m in MISMATCHED])
def test_a_link_whose_values_do_not_go_together_keeps_the_rest(browser, site_url, query, kept, may_name):
    """A link with values that do not go together keeps the ones that stand, gives an estimate, and names only what it dropped."""
    with calculator(browser, site_url + "calculator/?" + query) as page:
        for key, value in kept.items():
            expect(control(page, key)).to_have_value(value)
        expect_a_result(page)
        named = notice_names(page)
        assert named <= may_name, f"the notice names {named} for ?{query}"


def test_links_from_other_pages_open_on_what_they_name(browser, site_url, built_site):
    """Every "open in the calculator" link the build wrote (model and engine pages) opens on its model, format, engine, device, with no notice."""
    links = set()
    for html in built_site.rglob("index.html"):
        links |= {unescape(q) for q in re.findall(r'href="[^"]*calculator/\?([^"#]+)"', html.read_text())}
    assert len(links) >= 10, links
    wrong = []
    with calculator(browser, site_url + "calculator/") as page:
        for query in sorted(links):
            page.goto(site_url + "calculator/?" + query)
            expect(page.locator('.guide-calc[data-ready="true"]')).to_be_attached()
            wanted = {key: values[0] for key, values in parse_qs(query).items()}
            got = {key: control(page, key).input_value() for key in wanted}
            if got != wanted or notice_names(page) or verdict(page).get_attribute("data-fits") is None:
                wrong.append(f"?{query}: form {got}, notice {notice_names(page) or 'none'}")
    assert wrong == [], "\n".join(wrong)


# -- 8. The reverse lists


def python_fits(model: str, device: str, context: int, engine: str | None = "llama-cpp") -> str | None:
    """estimate.py's verdict for the calculator's defaults with this model, device and context (largest memory size,
    one GPU), or None when it refuses the request; an engine that does not run there is left out, as the lists do."""
    request = Request(model=model, hardware=device, format="q4_k_m", context=context, batch=1, gpus=1, engine=engine,
                      kv_cache_type="f16", memory_gb=None, split=None, prompt_tokens=min(1000, context))
    try:
        return estimate(CATALOGS, CALIBRATION, request)["fits"]
    except RequestError as error:
        if engine and str(error).startswith("--engine"):
            return python_fits(model, device, context, None)
        return None


def reverse_rows(page, kind):
    rows = page.locator(f'details[data-reverse="{kind}"] tbody tr')
    return rows.evaluate_all("rows => rows.map((r) => [...r.children].map((c) => c.innerText.trim()))")


def show_all(page, kind, total):
    """The list's first rows, then every row through its "Show all" button (when there are more)."""
    body = page.locator(f'details[data-reverse="{kind}"] tbody tr')
    expect(body).to_have_count(min(total, FIRST_ROWS))
    first = reverse_rows(page, kind)
    if total > FIRST_ROWS:
        page.locator(f'details[data-reverse="{kind}"]').get_by_role("button", name=f"Show all {total}").click()
        expect(body).to_have_count(total)
    return first


def expect_sorted(rows, key):
    """Fits before offload, and within each, by key from the largest down."""
    verdicts = [row[2] for row in rows]
    assert set(verdicts) <= {"Fits", "Fits only with CPU offload"}, verdicts
    assert verdicts == sorted(verdicts, key=lambda v: v != "Fits"), verdicts
    for group in ("Fits", "Fits only with CPU offload"):
        keys = [key(row) for row in rows if row[2] == group]
        assert keys == sorted(keys, reverse=True), (group, keys)


def open_list(page, kind, question, head, summary, total):
    """Open a reverse list, check its header and summary, show all its rows: (the table, its rows)."""
    page.get_by_text(question).click()
    table = page.locator(f'details[data-reverse="{kind}"] table')
    expect(table).to_be_visible()
    expect(table.locator("thead th")).to_have_text(head)
    expect(page.locator(f'details[data-reverse="{kind}"] p').first).to_have_text(summary)
    first = show_all(page, kind, total)
    rows = reverse_rows(page, kind)
    assert rows[: len(first)] == first
    return table, rows


def use_row(page, table, name, field, value):
    """A row's button puts its device or model in the form, and the answer follows."""
    table.get_by_role("button", name=name, exact=True).click()
    expect(control(page, field)).to_have_value(value)
    expect(verdict(page)).to_contain_text(name)
    expect_no_broken_words(page)


def test_which_devices_run_this_model(browser, site_url):
    """Llama 3.1 70B: the devices list holds the devices the estimator says run it, those that fit outright first,
    each group fastest first; a device's button puts it in the form."""
    by_name = {d["name"]: d["id"] for d in DEVICES.values()}
    wanted = {d["name"] for d in DEVICES.values() if python_fits("llama-3.1-70b", d["id"], 8192) in ("yes", "offload")}
    with calculator(browser, site_url + "calculator/?model=llama-3.1-70b") as page:
        expect(verdict(page)).to_contain_text("Llama 3.1 70B Instruct")
        table, rows = open_list(page, "devices", "Which devices run this model at this context?", ["Device", "Memory", "Fits", "Decode, tokens/s (estimate)"],
                                f"{len(wanted)} of {len(DEVICES)} devices run it (one GPU, the largest memory size); select one to use it.", len(wanted))
        assert {row[0] for row in rows} == wanted
        expect_sorted(rows, lambda row: 0 if row[3] == "unknown" else numbers(row[3])[0])
        assert rows[0][2] == "Fits" and rows[0][3] != "unknown" and rows[-1][2] == "Fits only with CPU offload"
        pick = next(row[0] for row in rows if by_name[row[0]] != "nvidia-rtx-4090")
        use_row(page, table, pick, "device", by_name[pick])


def test_which_models_fit_this_device(browser, site_url):
    """The models list holds the models that fit an RTX 4090, the largest first; a model's button puts it in the form."""
    by_name = {m["name"]: m for m in MODELS.values()}
    wanted = {m["name"] for m in MODELS.values()
              if python_fits(m["id"], "nvidia-rtx-4090", min(8192, m["architecture"]["context_length"])) in ("yes", "offload")}
    with calculator(browser, site_url + "calculator/") as page:
        table, rows = open_list(page, "models", "Which models fit this device?", ["Model", "Context", "Fits", "Decode, tokens/s (estimate)"],
                                f"{len(wanted)} of {len(MODELS)} models fit at up to this context; select one to use it.", len(wanted))
        assert {row[0] for row in rows} == wanted
        expect_sorted(rows, lambda row: by_name[row[0]]["params"]["total_b"])
        pick = next(row[0] for row in rows if by_name[row[0]]["id"] != "llama-3.1-8b")
        use_row(page, table, pick, "model", by_name[pick]["id"])


# -- 9. Engines follow the weight format


def test_the_engine_list_follows_the_weight_format(browser, site_url):
    """AWQ weights: llama.cpp is greyed out and no longer chosen, vLLM can be chosen, and the answer still stands."""
    with calculator(browser, site_url + "calculator/") as page:
        engine = control(page, "engine")
        expect(engine.locator('option[value="llama-cpp"]')).to_be_enabled()
        control(page, "format").select_option("awq-4bit")
        expect(engine.locator('option[value="llama-cpp"]')).to_be_disabled()
        expect(engine.locator('option[value="llama-cpp"]')).to_have_text("llama.cpp (does not run this)")
        expect(engine.locator('option[value="vllm"]')).to_be_enabled()
        expect(engine.locator('option[value="vllm"]')).to_have_text("vLLM")
        chosen = engine.input_value()
        assert chosen != "llama-cpp"
        expect(engine.locator(f'option[value="{chosen}"]')).to_be_enabled()
        expect_a_result(page)
        expect(verdict(page)).to_contain_text("AWQ 4-bit")
        engine.select_option("vllm")
        expect(engine).to_have_value("vllm")
        expect(page.locator("[data-guide-launch-container]").get_by_role("heading", name="Start it with vLLM")).to_be_visible()
        expect(page.locator("[aria-invalid]")).to_have_count(0)


# -- 10. Search


def test_searching_models_narrows_the_list(browser, site_url):
    """Typing "qwen" leaves the Qwen models and the one already chosen; clearing the search brings all back."""
    listed = "(select) => [...select.options].filter((o) => !o.hidden).map((o) => o.textContent)"
    qwen = sorted(m["name"] for m in MODELS.values() if "qwen" in m["name"].lower())
    with calculator(browser, site_url + "calculator/") as page:
        search, select = page.get_by_label("Search models"), control(page, "model")
        search.fill("qwen")
        expect(search).to_have_attribute("aria-description", f"{len(qwen) + 1} matches")
        assert sorted(select.evaluate(listed)) == sorted(qwen + ["Llama 3.1 8B Instruct"])
        expect(verdict(page)).to_have_text(DEFAULT_VERDICT)  # searching is not a change of input
        assert "model=" not in page.url
        select.select_option("qwen3-8b")
        expect(verdict(page)).to_contain_text("Qwen3-8B")
        search.fill("")
        assert len(select.evaluate(listed)) == len(MODELS)


def test_searching_devices_narrows_the_list(browser, site_url):
    """Typing "apple m4" in "Search devices" leaves the Apple M4 chips and the chosen card; empty groups disappear."""
    listed = "(select) => [...select.options].filter((o) => !o.hidden).map((o) => o.value)"
    groups = "(select) => [...select.querySelectorAll('optgroup')].filter((g) => !g.hidden).map((g) => g.label)"
    m4 = {d["id"] for d in DEVICES.values() if all(w in d["name"].lower() for w in ("apple", "m4"))}
    with calculator(browser, site_url + "calculator/") as page:
        search, select = page.get_by_label("Search devices"), control(page, "device")
        expect(search).to_have_attribute("aria-controls", "calc-device")
        search.fill("apple m4")
        assert set(select.evaluate(listed)) == m4 | {"nvidia-rtx-4090"}
        assert len(select.evaluate(groups)) == 2
        select.select_option(sorted(m4)[0])
        expect(verdict(page)).to_contain_text(DEVICES[sorted(m4)[0]]["name"])
        search.fill("")
        assert len(select.evaluate(listed)) == len(DEVICES) + 1  # and "Custom device"


# -- 11. A phone, in both palettes


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_phone_never_scrolls_sideways(browser, site_url, scheme):
    """At 390 px the page, the form, the answer and the opened lists fit the width; a field's message stays readable."""
    with calculator(browser, site_url + "calculator/", viewport=PHONE, color_scheme=scheme) as page:
        for summary in ("Which devices run this model at this context?", "Which models fit this device?"):
            page.get_by_text(summary).click()
        expect(page.locator('details[data-reverse="models"] table')).to_be_visible()
        expect(page.locator("[data-guide-launch-container] pre").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        outside = page.locator(".guide-calc").evaluate(
            """(box) => [...box.querySelectorAll("form input, form select, form button, .guide-calc__verdict, .guide-calc__bar")]
                .filter((e) => e.offsetParent !== null)
                .map((e) => [e.id || e.className || e.textContent, e.getBoundingClientRect()])
                .filter(([, r]) => r.left < 0 || r.right > innerWidth || r.width === 0)
                .map(([name, r]) => `${name}: ${Math.round(r.left)}..${Math.round(r.right)}`)"""
        )
        assert outside == [], outside
        control(page, "context").fill("abc")
        error = page.locator("#calc-context-error")
        expect(error).to_be_visible()
        assert contrast(error) >= 4.5
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


# -- 12. Labels and what a screen reader hears


def test_every_control_is_labelled_and_the_answer_is_announced(browser, site_url):
    """Each field is found by its label, typed fields point to their message, the answer is a live region, presets work from the keyboard."""
    ids = "(els) => els.map((e) => e.id)"
    with calculator(browser, site_url + "calculator/") as page:
        for label, wanted in LABELS.items():
            assert set(page.get_by_label(label, exact=True).evaluate_all(ids)) == wanted, label
        unlabelled = page.locator(".guide-calc form").evaluate(
            """(form) => [...form.querySelectorAll("input, select")]
                .filter((e) => !e.labels.length && !e.getAttribute("aria-label")).map((e) => e.id)""")
        assert unlabelled == []
        for field, name in (("context", "context"), ("batch", "batch"), ("prompt_tokens", "prompt_tokens"), ("gpus", "gpus"),
                            ("memory_gb", "memory_gb-custom"), ("bandwidth_gb_s", "bandwidth_gb_s")):
            expect(control(page, name)).to_have_attribute("aria-describedby", re.compile(rf"(^| )calc-{field}-error( |$)"))
        expect(verdict(page)).to_have_attribute("aria-live", "polite")
        expect(page.get_by_role("group", name="Context presets")).to_be_visible()
        page.get_by_role("button", name="32k").focus()
        page.keyboard.press("Enter")
        expect(control(page, "context")).to_have_value("32768")
        expect(verdict(page)).to_contain_text("32,768 tokens")
        page.get_by_role("button", name="4k").focus()
        page.keyboard.press("Space")
        expect(control(page, "context")).to_have_value("4096")
        # A custom device shows its two typed fields, each found by its own label.
        control(page, "device").select_option(CUSTOM)
        expect(page.get_by_label("Memory (GB)").and_(control(page, "memory_gb-custom"))).to_be_visible()
        expect(control(page, "memory_gb")).to_be_hidden()
        expect(page.get_by_label("Memory bandwidth (GB/s)")).to_be_visible()


# -- axe on the calculator in the states test_quality.py does not reach: lists open, a field marked wrong


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_once_the_answer_is_drawn(browser, site_url, scheme):
    """With the answer, both lists, the launch commands and a field's message showing, axe-core finds no violation."""
    with calculator(browser, site_url + "calculator/", color_scheme=scheme) as page:
        for summary in ("Which devices run this model at this context?", "Which models fit this device?"):
            page.get_by_text(summary).click()
        details(page).get_by_text("Assumptions behind these figures").click()
        expect(page.locator('details[data-reverse="models"] table')).to_be_visible()
        drawn = axe_violations(page)
        control(page, "gpus").fill("0")
        expect(page.locator("#calc-gpus-error")).to_be_visible()
        marked = axe_violations(page)
    assert drawn == [], describe(drawn)
    assert marked == [], describe(marked)
