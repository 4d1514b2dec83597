"""The step-by-step chooser on the Choose page, driven like a reader would, checked against the YAML tree."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from guide.interactive import answer_slugs
from guide.sitedata import load_site_data
from guide.views import recommendation_name
from reader import contrast, reader

SITE = load_site_data()
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
    picks = page.locator(".guide-chooser-step li")
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
