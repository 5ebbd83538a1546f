"""``cryolog rules check``: the shared example cases, and the exit-status/stream contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cryolog.cli import main
from cryolog.domain.enums import FindingLevel
from tests.domain.rule_cases import clean_json

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DIR = REPO_ROOT.parent / "shared" / "cases"
# A copy travels with the repository so the cases run wherever the tests run; when the
# shared folder sits beside the checkout, test_case_copy_is_current keeps the copy equal.
CASES_DIR = REPO_ROOT / "tests" / "fixtures" / "shared_cases"
CASE_FILES = sorted(CASES_DIR.glob("*.json")) if CASES_DIR.is_dir() else []
needs_cases = pytest.mark.skipif(
    not CASE_FILES, reason=f"shared example cases not found in {CASES_DIR}"
)


def load(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["case"], data["expect"]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def check_expectation(expect: dict[str, Any], code: int, out: str, err: str) -> None:
    assert code == expect["exit"], err
    if code != 0:
        assert out == ""
        assert expect["stderr"] in err
        return
    found = {f["rule"]: f["level"] for f in json.loads(out)["findings"]}
    for rule, level in expect.get("include", {}).items():
        assert found.get(rule) == level, found
    for rule in expect.get("exclude", []):
        assert rule not in found
    if expect.get("clean"):
        assert found == {}


@needs_cases
@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_shared_example_case(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case, expect = load(path)
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(case), encoding="utf-8")
    check_expectation(expect, *run(["rules", "check", str(case_file)], capsys))


@needs_cases
@pytest.mark.parametrize("name", ["bp_high_systolic_boundary", "invalid_temp_range"])
def test_shared_case_through_a_real_process_on_stdin(name: str) -> None:
    case, expect = load(CASES_DIR / f"{name}.json")
    done = subprocess.run(
        [sys.executable, "-m", "cryolog", "rules", "check", "-"],
        input=json.dumps(case),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    check_expectation(expect, done.returncode, done.stdout, done.stderr)


def test_output_has_exactly_the_contract_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = clean_json()
    case["session"]["bp_pre"] = [165, 95]
    case["consent"] = None
    case["session"]["skin_temp_after_c"] = 20.0
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    code, out, err = run(["rules", "check", str(path)], capsys)
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert list(document) == ["findings"]
    findings = document["findings"]
    assert all(list(f) == ["rule", "level", "message"] for f in findings)
    assert [(f["rule"], f["level"]) for f in findings] == [
        ("bp_high", "hard_stop"),
        ("consent_missing", "hard_stop"),
        ("skin_drop_small", "info"),
    ]
    assert findings[0]["message"] == (
        "Blood pressure 165/95 mmHg is at or above the 160/100 limit for whole-body sessions."
    )
    assert {f["level"] for f in findings} <= {level.value for level in FindingLevel}


def test_clean_full_format_case_is_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(clean_json()), encoding="utf-8")
    assert run(["rules", "check", str(path)], capsys) == (0, '{"findings": []}\n', "")


def test_missing_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["rules", "check", str(tmp_path / "absent.json")], capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "absent.json" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"as_of": ', "invalid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"as_of": NaN}', "invalid JSON"),
    ],
)
def test_unparsable_input_exits_2(
    text: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(["rules", "check", str(path)], capsys)
    assert (code, out) == (2, "")
    assert expected in err


def test_every_problem_gets_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = clean_json()
    case["session"]["hr_pre"] = 500
    case["course"]["sessions"][0]["at"] = "2026-03-11T09:00"
    case["bogus"] = 1
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    code, out, err = run(["rules", "check", str(path)], capsys)
    assert (code, out) == (2, "")
    assert sorted(err.splitlines()) == [
        "bogus: unknown key",
        "session.hr_pre: 500 /min is outside 30 … 220 /min",
    ]


@pytest.mark.parametrize("argv", [["rules"], ["rules", "check"], ["rules", "check", "a", "b"]])
def test_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert (code, out) == (2, "")
    assert err.strip()


@pytest.mark.skipif(not SHARED_DIR.is_dir(), reason="no shared folder beside the checkout")
def test_case_copy_is_current() -> None:
    shared = {p.name: p.read_bytes() for p in SHARED_DIR.glob("*.json")}
    copied = {p.name: p.read_bytes() for p in CASES_DIR.glob("*.json")}
    assert copied == shared, "refresh tests/fixtures/shared_cases from ../shared/cases"
