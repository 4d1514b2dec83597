"""Run axe-core in a Playwright page. Shared by `make audit` and the accessibility tests."""

from __future__ import annotations

from pathlib import Path

AXE_JS = Path(__file__).resolve().parents[2] / "tests" / "vendor" / "axe-core" / "axe.min.js"

_RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


def axe_violations(page) -> list[dict]:
    """axe's violations for the page as it is now: every default rule (WCAG A/AA and best practices)."""
    page.add_script_tag(path=str(AXE_JS))  # injected inline: no request
    return page.evaluate(_RUN)


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(v['targets'][:5])}" for v in violations)
