"""Lint gate for .github/: zizmor (offline) and the GitHub JSON schemas, plus our own pin rules.

`make lint` runs the same two tools. Both come from the venv running these tests, so the
gate works offline and never picks up another install from PATH.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitebrowser import ROOT

GITHUB_DIR = ROOT / ".github"
WORKFLOWS = sorted(
    p for p in (GITHUB_DIR / "workflows").glob("*") if p.suffix in {".yml", ".yaml"}
)
DEPENDABOT = GITHUB_DIR / "dependabot.yml"

BIN = Path(sys.executable).parent
ZIZMOR = BIN / "zizmor"
CHECK_JSONSCHEMA = BIN / "check-jsonschema"

BLOCKING = {"medium", "high"}
# zizmor: 0 = clean, 10-14 = findings (by highest severity); anything else is a tool failure.
ZIZMOR_OK_CODES = {0, 10, 11, 12, 13, 14}

FULL_SHA = re.compile(r"@[0-9a-f]{40}$")
# Event data that must reach a script through env:, never through ${{ }} in run:.
EVENT_DATA = re.compile(r"\$\{\{[^}]*\b(github\.event\.|github\.head_ref|inputs\.)")


def zizmor_findings(target: Path) -> list[dict]:
    """All medium-or-higher zizmor findings for a file or directory."""
    proc = subprocess.run(
        [str(ZIZMOR), "--offline", "--strict-collection", "--format", "json", str(target)],
        capture_output=True,
        text=True,
        cwd=target if target.is_dir() else target.parent,
    )
    assert proc.returncode in ZIZMOR_OK_CODES, f"zizmor failed to run:\n{proc.stderr}"
    findings = json.loads(proc.stdout)
    return [f for f in findings if f["determinations"]["severity"].lower() in BLOCKING]


def describe(findings: list[dict]) -> str:
    lines = []
    for f in findings:
        try:
            loc = f["locations"][0]
            path = loc["symbolic"]["key"]["Local"]["verbatim_path"]
            where = f"{path}:{loc['concrete']['location']['start_point']['row'] + 1}"
        except (KeyError, IndexError):
            where = "?"
        lines.append(f"{where}: {f['ident']} ({f['determinations']['severity']}): {f['desc']}")
    return "\n".join(lines)


def schema_check(schema: str, files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
    )


def policy_problems(path: Path) -> list[str]:
    """Rules the tools don't state exactly: permissions: {} at the top, SHA pins carry a
    version comment, and no event data interpolated into run: scripts."""
    text = path.read_text()
    doc = yaml.safe_load(text)
    problems = []
    if doc.get("permissions") != {}:
        problems.append("top-level `permissions: {}` missing")
    for line in text.splitlines():
        m = re.match(r"\s*(?:-\s+)?uses:\s*(\S+)\s*(#.*)?$", line)
        if not m or m.group(1).startswith(("./", "docker://")):
            continue
        if not FULL_SHA.search(m.group(1)):
            problems.append(f"not pinned to a full SHA: {m.group(1)}")
        elif not (m.group(2) and re.match(r"#\s*v\d", m.group(2))):
            problems.append(f"SHA pin without a `# vX.Y.Z` comment: {m.group(1)}")
    for job_name, job in (doc.get("jobs") or {}).items():
        for step in job.get("steps") or []:
            run = step.get("run")
            if isinstance(run, str) and EVENT_DATA.search(run):
                problems.append(f"job {job_name}: event data interpolated into run:")
    return problems


# --- the real repository -------------------------------------------------------------


def test_tools_come_from_this_venv():
    assert ZIZMOR.is_file(), f"{ZIZMOR} missing: install requirements.txt into this venv"
    assert CHECK_JSONSCHEMA.is_file(), f"{CHECK_JSONSCHEMA} missing"


def test_expected_files_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"ci.yml", "deploy.yml"} <= names
    assert DEPENDABOT.is_file()


def test_zizmor_has_no_medium_or_high_findings():
    findings = zizmor_findings(GITHUB_DIR)
    assert not findings, "zizmor findings:\n" + describe(findings)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_github_schema(workflow):
    proc = schema_check("vendor.github-workflows", [workflow])
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_dependabot_matches_schema():
    proc = schema_check("vendor.dependabot", [DEPENDABOT])
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_policy(workflow):
    assert policy_problems(workflow) == []


def test_deploy_permissions_only_on_deploy_job():
    doc = yaml.safe_load((GITHUB_DIR / "workflows" / "deploy.yml").read_text())
    jobs = doc["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert doc["concurrency"] == {"group": "pages", "cancel-in-progress": False}


# --- the gate must be able to fail ----------------------------------------------------

BAD_WORKFLOW = """\
name: bad
on:
  pull_request:
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
"""


@pytest.fixture
def bad_repo(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "bad.yml").write_text(BAD_WORKFLOW)
    return tmp_path


def test_gate_catches_bad_workflow(bad_repo):
    idents = {f["ident"] for f in zizmor_findings(bad_repo / ".github")}
    # unpinned action, event title in a script, no permissions block, persisted token
    assert {"unpinned-uses", "template-injection", "excessive-permissions", "artipacked"} <= idents


def test_policy_catches_bad_workflow(bad_repo):
    problems = policy_problems(bad_repo / ".github" / "workflows" / "bad.yml")
    assert any("permissions" in p for p in problems)
    assert any("full SHA" in p for p in problems)
    assert any("event data" in p for p in problems)


def test_schema_catches_invalid_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    # `runs-on` missing and a misspelt `step:` key
    broken.write_text("on: push\njobs:\n  j:\n    step:\n      - run: true\n")
    proc = schema_check("vendor.github-workflows", [broken])
    assert proc.returncode != 0


def test_schema_catches_invalid_dependabot(tmp_path):
    broken = tmp_path / "dependabot.yml"
    broken.write_text("version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n")
    proc = schema_check("vendor.dependabot", [broken])  # schedule is required
    assert proc.returncode != 0
