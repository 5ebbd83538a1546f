"""Properties: random valid cases never crash the engine and give ordered, unique findings;
any single corruption of a valid case exits 2, names the field, and prints nothing on stdout."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from datetime import datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cryolog.cli import main
from cryolog.domain.catalog import CONDITIONS, MODALITIES, PROTOCOLS
from cryolog.domain.rules import evaluate
from cryolog.domain.rules.jsoncase import parse_case_data
from cryolog.domain.thresholds import THRESHOLDS
from tests.domain.rule_cases import ALL_MODALITIES, AS_OF

Json = dict[str, Any]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def moment(minutes_before: int) -> str:
    return (AS_OF - timedelta(minutes=minutes_before)).strftime("%Y-%m-%dT%H:%M")


def day(days_before: int) -> str:
    return (AS_OF.date() - timedelta(days=days_before)).isoformat()


dates = st.integers(0, 500).map(day)
bps = st.integers(61, 260).flatmap(
    lambda s: st.tuples(st.just(s), st.integers(30, min(160, s - 1))).map(list)
)
nrs = st.none() | st.integers(0, 10)
skin = st.none() | st.floats(-5, 40).map(lambda v: round(v, 2))


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def durations(draw: st.DrawFn, modality: str) -> int:
    return draw(st.integers(1, MODALITIES[modality].max_duration_s))


@st.composite
def temperatures(draw: st.DrawFn, modality: str) -> Json | None:
    spec = MODALITIES[modality]
    celsius = draw(st.integers(int(spec.temp_min_c), int(spec.temp_max_c)))
    if not spec.needs_temperature and draw(st.booleans()):
        return None
    if draw(st.booleans()):
        return {"value": celsius, "unit": "C"}
    return {"value": round(celsius * 9 / 5 + 32, 1), "unit": "F"}


@st.composite
def cold_tests(draw: st.DrawFn) -> Json:
    kind = draw(st.sampled_from(["ice_cube", "cold_pressor", "temp_threshold"]))
    test: Json = {"kind": kind, "date": draw(dates)}
    if kind == "ice_cube":
        test |= {
            "contact_s": draw(st.integers(60, 1200)),
            "read_after_min": draw(optional(st.integers(0, 60))),
            "result": draw(st.sampled_from(["negative", "erythema_only", "wheal", "systemic"])),
            "antihistamine_48h": draw(st.booleans()),
        }
    elif kind == "cold_pressor":
        test |= {"bp_before": draw(bps), "bp_after": draw(bps), "water_c": 4, "immersion_s": 60}
    else:
        test["ctt_c"] = draw(optional(st.integers(4, 44)))
    return test


@st.composite
def past_sessions(draw: st.DrawFn, with_nrs: bool) -> Json:
    modality = draw(st.sampled_from(ALL_MODALITIES))
    session: Json = {
        "at": moment(draw(st.integers(0, 60 * 24 * 60))),
        "modality": modality,
        "duration_s": draw(durations(modality)),
    }
    if with_nrs:
        session |= {"nrs_pre": draw(nrs), "nrs_post": draw(nrs)}
    return session


@st.composite
def courses(draw: st.DrawFn) -> Json:
    sessions = draw(st.lists(past_sessions(with_nrs=True), max_size=20))
    protocol = draw(st.sampled_from(sorted(PROTOCOLS)))
    previous = [
        {
            "protocol": draw(st.sampled_from([protocol, "rosacea"])),
            "started": day(d + 40),
            "ended": draw(optional(st.just(day(d)))),
        }
        for d in draw(st.lists(st.integers(0, 400), max_size=4))
    ]
    return {
        "protocol": protocol,
        "started": draw(dates),
        "sessions": sorted(sessions, key=lambda s: s["at"]),
        "previous_courses": previous,
    }


@st.composite
def areas(draw: st.DrawFn) -> Json:
    return {
        "site": "face",
        "area_dm2": draw(st.floats(0.01, 100).map(lambda v: round(v, 2) or 0.01)),
        "exposure_s": draw(st.integers(1, 7200)),
        "kind": draw(st.sampled_from(["area", "spot", "patch"])),
    }


@st.composite
def sessions(draw: st.DrawFn) -> Json:
    modality = draw(st.sampled_from(ALL_MODALITIES))
    checklist_items = ["dry_skin", "no_lotion", "no_metal", "protective_gear", "oxygen_monitor"]
    return {
        "modality": modality,
        "temperature": draw(temperatures(modality)),
        "duration_s": draw(durations(modality)),
        "bp_pre": draw(optional(bps)),
        "hr_pre": draw(optional(st.integers(30, 220))),
        "spo2_pre": draw(optional(st.integers(70, 100))),
        "bp_post": draw(optional(bps)),
        "checklist": draw(
            optional(
                st.fixed_dictionaries(
                    {}, optional={k: optional(st.booleans()) for k in checklist_items}
                )
            )
        ),
        "areas": draw(st.lists(areas(), max_size=3)),
        "direct_skin_contact": draw(optional(st.booleans())),
        "skin_temp_before_c": draw(skin),
        "skin_temp_after_c": draw(skin),
        "nrs_pre": draw(nrs),
        "nrs_post": draw(nrs),
    }


def setting_values() -> st.SearchStrategy[dict[str, float]]:
    def value(name: str) -> st.SearchStrategy[float]:
        spec = THRESHOLDS[name]
        if spec.integer:
            return st.integers(int(spec.low), int(spec.high)).map(float)
        return st.floats(spec.low, spec.high)

    return st.fixed_dictionaries(
        {}, optional={name: value(name) for name, spec in THRESHOLDS.items() if spec.rule}
    )


@st.composite
def valid_cases(draw: st.DrawFn) -> Json:
    answers = st.dictionaries(
        st.sampled_from(sorted(CONDITIONS)), st.sampled_from(["yes", "no", "unknown"])
    )
    return {
        "as_of": AS_OF.strftime("%Y-%m-%dT%H:%M"),
        "patient": {
            "birth_date": day(draw(st.integers(0, 120 * 365))),
            "height_cm": draw(optional(st.integers(50, 250))),
        },
        "screening": draw(optional(st.fixed_dictionaries({"date": dates, "answers": answers}))),
        "clearance": draw(
            optional(
                st.fixed_dictionaries(
                    {
                        "date": dates,
                        "ecg": st.booleans(),
                        "blood": st.booleans(),
                        "urine": st.booleans(),
                        "valid_until": st.integers(-300, 300).map(day),
                    }
                )
            )
        ),
        "consent": draw(
            optional(st.fixed_dictionaries({"signed": dates, "form_version": st.integers(1, 3)}))
        ),
        "cold_tests": draw(st.lists(cold_tests(), max_size=4)),
        "course": draw(optional(courses())),
        "other_sessions": draw(st.lists(past_sessions(with_nrs=False), max_size=3)),
        "session": draw(sessions()),
        "settings": draw(setting_values()),
    }


@FAST
@given(valid_cases())
def test_valid_cases_give_ordered_unique_findings(case: Json) -> None:
    findings = evaluate(parse_case_data(case))
    keys = [(f.level.rank, f.rule) for f in findings]
    assert keys == sorted(keys)
    assert len({f.rule for f in findings}) == len(findings)
    assert all(f.message.strip().endswith(".") for f in findings)


# --- corruption ------------------------------------------------------------------------------

Path = tuple[str | int, ...]


def nodes(value: Any, path: Path = ()) -> list[tuple[Path, Any]]:
    """Every node of the JSON tree with its path (the root has path ())."""
    found = [(path, value)]
    if isinstance(value, dict):
        for key, child in value.items():
            found += nodes(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += nodes(child, (*path, index))
    return found


def dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def put(case: Json, path: Path, value: Any) -> None:
    node: Any = case
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def wrong_type(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return 12
    return "text"


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@st.composite
def corrupted_cases(draw: st.DrawFn) -> tuple[Json, str]:
    """A valid case with one fault, and the field path the error must name."""
    case = draw(valid_cases())
    tree = sorted(nodes(case), key=lambda node: -len(node[0]))  # deep nodes first
    how = draw(st.sampled_from(["unknown_key", "wrong_type", "out_of_range"]))
    if how == "unknown_key":
        path, _ = draw(st.sampled_from([(p, v) for p, v in tree if isinstance(v, dict)]))
        put(case, (*path, "zz_unknown"), 1) if path else case.update(zz_unknown=1)
        return case, dotted((*path, "zz_unknown"))
    if how == "wrong_type":
        path, value = draw(st.sampled_from([(p, v) for p, v in tree if p and v is not None]))
        put(case, path, wrong_type(value))
        return case, dotted(path)
    path, _ = draw(st.sampled_from([(p, v) for p, v in tree if is_number(v)]))
    put(case, path, -1_000_000)
    return case, dotted(path)


def check_on_stdin(text: str) -> tuple[int, str, str]:
    out, err, stdin = io.StringIO(), io.StringIO(), sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["rules", "check", "-"])
    finally:
        sys.stdin = stdin
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corrupted_cases())
def test_any_single_corruption_exits_2_naming_the_field(corrupted: tuple[Json, str]) -> None:
    case, path = corrupted
    code, out, err = check_on_stdin(json.dumps(case))
    lines = err.splitlines()
    assert (code, out) == (2, "")
    assert any(line.startswith(f"{path}:") for line in lines), (path, lines)
    assert not any("Value error" in line or "Input should" in line for line in lines), lines


def test_corruption_helpers_find_paths() -> None:
    tree = dict(nodes({"a": [{"b": 1}]}))
    assert dotted(("a", 0, "b")) == "a[0].b" and tree[("a", 0, "b")] == 1
    assert datetime.strptime(moment(0), "%Y-%m-%dT%H:%M") == AS_OF
