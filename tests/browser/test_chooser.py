"""The step-by-step chooser on the Choose page, driven like a reader would, checked against the YAML tree."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from estimator import calibrated
from estimator.estimate import Request, estimate
from estimator.explain import gib
from guide.catalogs import load_catalogs
from guide.interactive import answer_slugs
from guide.sitedata import load_site_data
from guide.views import recommendation_name
from reader import contrast, reader

SITE = load_site_data()
CATALOGS = load_catalogs(SITE.engines)
NODES = {n["id"]: n for n in SITE.tree["nodes"]}
FIRST = NODES[NODES[SITE.tree["start"]]["next"]]
PATHS = [("Yes", "Yes", "Production", "Several machines"), ("No", "Yes", "Apple M-series"), ("No", "No")]


def walk(labels):
    """What the YAML says: the questions asked, the URL slugs, and the leaf these answers reach."""
    node, questions, slugs = FIRST, [], []
    for label in labels:
        questions.append(node)
        index = [a["label"] for a in node["answers"]].index(label)
        slugs.append(answer_slugs(node["answers"])[index])
        node = NODES[node["answers"][index]["next"]]
    assert node["type"] == "leaf", f"{labels} does not end at a leaf in data/decision-tree.yaml"
    return questions, slugs, node


def answers(page):
    return page.locator(".guide-chooser-answers button")


def current_heading(page):
    return page.locator(".guide-chooser-step h3")


def expect_question(page, node):
    expect(current_heading(page)).to_have_text(node["label"])
    # Only the current question's answers are live, each a real button labelled exactly as in the data.
    expect(answers(page)).to_have_text([a["label"] for a in node["answers"]])
    tags = page.locator(".guide-chooser-answers > *").evaluate_all("els => els.map(e => e.tagName)")
    assert tags == ["BUTTON"] * len(node["answers"])


def expect_result(page, leaf):
    expect(current_heading(page)).to_have_text("Recommended for your answers")
    expect(answers(page)).to_have_count(0)
    picks = page.locator(".guide-chooser-step > ul > li")
    expect(picks).to_have_count(len(leaf["recommend"]))
    for pick, rec in zip(picks.all(), leaf["recommend"]):
        link = pick.locator("a")
        expect(link).to_have_text(recommendation_name(SITE, rec))
        assert link.evaluate("a => new URL(a.href).pathname").endswith(f"/engines/{rec['engine']}/")
        assert rec["reason"] in " ".join(pick.inner_text().split())
    names = ", ".join(recommendation_name(SITE, rec) for rec in leaf["recommend"])
    expect(page.locator(".guide-chooser [aria-live]")).to_have_text(f"Recommended: {names}.")


def expect_trail(page, labels):
    expect(page.locator(".guide-chooser-trail strong")).to_have_text(list(labels))


@pytest.mark.parametrize("labels", PATHS, ids=["/".join(p) for p in PATHS])
def test_walks_to_the_leaf_the_yaml_names(browser, site_url, labels):
    questions, slugs, leaf = walk(labels)
    with reader(browser, site_url + "choose/") as page:
        for done, (question, label) in enumerate(zip(questions, labels)):
            expect_question(page, question)
            expect_trail(page, labels[:done])
            answers(page).get_by_text(label, exact=True).click()
        expect_trail(page, labels)
        expect_result(page, leaf)
        assert re.search(r"[?&]path=" + re.escape(".".join(slugs)) + "($|&)", page.url)


def test_back_change_and_the_browsers_back_button(browser, site_url):
    labels = PATHS[0]
    questions, _, _ = walk(labels)
    with reader(browser, site_url + "choose/") as page:
        for label in labels:
            answers(page).get_by_text(label, exact=True).click()
        # Back twice: from the result to the last question, then to the one before it.
        page.get_by_role("button", name="Back", exact=True).click()
        expect_question(page, questions[3])
        expect_trail(page, labels[:3])
        page.get_by_role("button", name="Back", exact=True).click()
        expect_question(page, questions[2])
        expect_trail(page, labels[:2])
        answers(page).get_by_text("Enthusiast", exact=True).click()
        expect_result(page, walk(labels[:2] + ("Enthusiast",))[2])
        # "Change" on the first answer goes back to the first question, forgetting what followed.
        page.locator(".guide-chooser-trail li").first.get_by_role("button").click()
        expect_question(page, FIRST)
        expect_trail(page, [])
        assert "path=" not in page.url
        page.go_back()
        expect_result(page, walk(labels[:2] + ("Enthusiast",))[2])
        page.get_by_role("button", name="Start over").click()
        expect_question(page, FIRST)


@pytest.mark.parametrize("labels", PATHS[1:], ids=["/".join(p) for p in PATHS[1:]])
def test_a_shared_link_reopens_the_same_answers(browser, site_url, labels):
    _, slugs, leaf = walk(labels)
    with reader(browser, site_url + "choose/?path=" + ".".join(slugs)) as page:
        expect_trail(page, labels)
        expect_result(page, leaf)


def test_a_broken_link_keeps_the_part_that_fits(browser, site_url):
    questions, slugs, _ = walk(PATHS[0])
    with reader(browser, site_url + f"choose/?path={slugs[0]}.no-such-answer.{slugs[2]}") as page:
        expect(page.locator(".guide-chooser-note")).to_contain_text("no-such-answer")
        expect_question(page, questions[1])
        expect_trail(page, PATHS[0][:1])
        assert page.url.endswith(f"?path={slugs[0]}")


def test_keyboard_only(browser, site_url):
    labels = PATHS[2]
    questions, _, leaf = walk(labels)
    with reader(browser, site_url + "choose/") as page:
        answers(page).first.focus()  # where Tab from the page above lands
        for step, (question, label) in enumerate(zip(questions, labels)):
            expect_question(page, question)
            # After an answer, focus sits on the new question's heading: Tab reaches its first answer.
            presses = [a["label"] for a in question["answers"]].index(label) + (step > 0)
            for _ in range(presses):
                page.keyboard.press("Tab")
            expect(page.locator(":focus")).to_have_text(label)
            page.keyboard.press("Enter")
            expect(page.locator(":focus")).to_have_attribute("id", "guide-chooser-current")
        expect_result(page, leaf)
        expect(page.locator(":focus")).to_have_text("Recommended for your answers")


def test_without_javascript_the_flowchart_and_outline_stand(browser, site_url):
    with reader(browser, site_url + "choose/", javascript=False) as page:
        expect(page.locator(".guide-chooser")).to_be_hidden()
        expect(page.locator(".guide-chooser-leaves")).to_be_hidden()
        expect(page.locator("div.mermaid")).to_contain_text(FIRST["label"])
        outline = page.locator("article").inner_text()
        for node in SITE.tree["nodes"]:
            if node["type"] == "question":
                assert node["label"] in outline
            elif node["type"] == "leaf":
                for rec in node["recommend"]:
                    assert page.locator(f"article > ul a[href$='engines/{rec['engine']}/']").count() >= 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_reads_well_in_both_palettes(browser, site_url, scheme):
    _, slugs, _ = walk(PATHS[0])
    with reader(browser, site_url + "choose/?path=" + ".".join(slugs[:2]), color_scheme=scheme) as page:
        expect(page.locator(".guide-chooser")).to_be_visible()
        for control in (answers(page).first, page.get_by_role("button", name="Back", exact=True), current_heading(page)):
            assert contrast(control) >= 4.5, f"{scheme}: {control.inner_text()!r} contrast {contrast(control):.2f}:1"


# The inline fit check at "Does the model fit in VRAM?": the estimator's verdict suggests the answer.
FIT = NODES["gpu_fit"]
FIT_SLUGS = dict(zip((a["label"] for a in FIT["answers"]), answer_slugs(FIT["answers"])))


def python_fit(model, fmt, context, device):
    request = Request(model=model, hardware=device, format=fmt, context=context, prompt_tokens=min(1000, context))
    return estimate(CATALOGS, calibrated.calibration(CATALOGS), request)


@pytest.mark.parametrize(("model", "expected"), [("llama-3.1-8b", "Yes"), ("llama-3.1-70b", "No")])
def test_the_fit_check_suggests_the_answer_the_estimator_gives(browser, site_url, model, expected):
    result = python_fit(model, "q4_k_m", 8192, "nvidia-rtx-4090")
    assert {"Yes": ["yes"], "No": ["offload", "no"]}[expected].count(result["fits"]) == 1
    with reader(browser, site_url + "choose/?path=yes") as page:
        expect_question(page, FIT)
        page.get_by_label("Model", exact=True).select_option(model)
        page.get_by_label("GPU", exact=True).select_option("nvidia-rtx-4090")
        status = page.locator(".guide-chooser-fit-answer")
        expect(status).to_contain_text(f"= {gib(result['memory']['total_bytes'])}, against {gib(result['memory']['available_bytes'])}")
        expect(status).to_contain_text(f"Suggested answer: {expected}.")
        expect(page.locator(".guide-chooser-suggested")).to_have_count(1)
        expect(page.locator(".guide-chooser-suggested")).to_have_text(expected)
        assert f"model={model}" in page.url and "device=nvidia-rtx-4090" in page.url and "path=yes" in page.url


def test_bad_context_in_the_fit_check_says_so_and_suggests_nothing(browser, site_url):
    with reader(browser, site_url + "choose/?path=yes") as page:
        field = page.get_by_label("Context (tokens)")
        for text in ("abc", "-5", "0", "1000000000000"):
            field.fill(text)
            page.get_by_role("button", name="Check").click()
            expect(page.locator(".guide-chooser-fit-answer")).to_contain_text("Enter a whole number of tokens from 1 to 131,072")
            expect(page.locator(".guide-chooser-suggested")).to_have_count(0)
        assert "NaN" not in page.locator(".guide-chooser").inner_text()


def test_the_recommendation_hands_the_inputs_to_the_calculator_and_the_commands(browser, site_url):
    query = "model=gemma-3-27b&format=q8_0&context=32768&device=nvidia-rtx-3060-12gb"
    with reader(browser, site_url + f"choose/?path=yes.{FIT_SLUGS['No']}&{query}") as page:
        expect(current_heading(page)).to_have_text("Recommended for your answers")
        command = page.locator(".guide-chooser-launch pre").first
        expect(command).to_contain_text("llama-server")
        expect(command).to_contain_text("gemma-3-27b-Q8_0.gguf")
        expect(command).to_contain_text("-c 32768")
        page.get_by_role("link", name="Open your model and GPU in the calculator").click()
        page.wait_for_selector(".guide-calc[data-ready]")
        assert page.get_by_label("Model", exact=True).input_value() == "gemma-3-27b"
        assert page.get_by_label("Device", exact=True).input_value() == "nvidia-rtx-3060-12gb"
        assert page.get_by_label("Context length (tokens)").input_value() == "32768"


def test_without_the_check_the_commands_use_the_example_model(browser, site_url):
    leaf_path = "yes.yes.enthusiast"
    with reader(browser, site_url + f"choose/?path={leaf_path}") as page:
        expect(current_heading(page)).to_have_text("Recommended for your answers")
        expect(page.locator(".guide-chooser-launch")).to_contain_text("shown with Llama 3.1 8B")
        expect(page.locator(".guide-chooser-launch pre").first).to_contain_text("llama-3.1-8b")
