"""The loader against every case of the public YAML test suite.

No input may crash it: each case either loads or is rejected with findings that point at a
real position and explain the problem in Chinese. Invalid YAML (cases with an ``error`` file)
must never be accepted silently, except for the few inputs libyaml itself parses.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from checker.yaml.loader import LoadedFile, load_bytes

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "yaml-test-suite"
EXPECTED_CASES = 391
CHINESE = re.compile(r"[\u4e00-\u9fff]")

# Invalid YAML that libyaml (and so the loader, which parses with CSafeLoader) reads as a valid
# document without complaint. Case ID -> the suite's title for it.
LIBYAML_ACCEPTS_INVALID = {
    "9C9N": "Wrong indented flow sequence",
    "9JBA": "Invalid comment after end of flow sequence",
    "CVW2": "Invalid comment after comma",
    "DK95-01": "Tabs that look like indentation",
    "G5U8": "Plain dashes in flow sequence",
    "QB6E": "Wrong indented multiline quoted scalar",
    "S98Z": "Block scalar with more spaces than first content line",
    "SU5Z": "Comment without whitespace after doublequoted scalar",
    "X4QW": "Comment without whitespace after block scalar indicator",
    "YJV2": "Dash in flow sequence",
}


def _cases() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(path for path in CORPUS.iterdir() if (path / "in.yaml").is_file())


CASES = _cases()
INVALID_CASES = [case for case in CASES if (case / "error").exists()]


def require_corpus() -> None:
    if CORPUS.is_dir():
        return
    message = (
        f"yaml-test-suite corpus not found at {CORPUS}; it is expected in the `shared` folder "
        "beside the repository (shared/corpora/yaml-test-suite)."
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def load_case(case: Path) -> LoadedFile:
    return load_bytes(f"{case.name}/in.yaml", (case / "in.yaml").read_bytes())


def describe(result: LoadedFile) -> str:
    return (
        "\n".join(f"  {f.rule_id} {f.line}:{f.column} {f.message}" for f in result.findings)
        or "  (no findings)"
    )


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_case_loads_or_is_rejected_with_a_finding(case):
    result = load_case(case)
    assert result.data is not None or result.findings, (
        f"{case.name} came back with no data and no finding, so the checker would skip the "
        "file and call it clean"
    )


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_every_finding_is_positioned_and_in_chinese(case):
    result = load_case(case)
    lines = len((case / "in.yaml").read_bytes().splitlines())
    for finding in result.findings:
        assert 1 <= finding.line <= lines + 1, describe(result)
        assert finding.column >= 1, describe(result)
        assert CHINESE.search(finding.message), describe(result)


def _invalid_param(case: Path):
    if case.name not in LIBYAML_ACCEPTS_INVALID:
        return pytest.param(case, id=case.name)
    return pytest.param(
        case,
        id=case.name,
        marks=pytest.mark.xfail(
            strict=True,
            reason=f"libyaml parses this invalid YAML: {LIBYAML_ACCEPTS_INVALID[case.name]}",
        ),
    )


@pytest.mark.parametrize("case", [_invalid_param(case) for case in INVALID_CASES])
def test_invalid_yaml_is_never_accepted_silently(case):
    result = load_case(case)
    assert result.data is None or result.findings, f"{case.name} loaded as {result.data!r}"


def test_every_case_is_run():
    require_corpus()
    with_input = sorted(path.parent for path in CORPUS.glob("*/in.yaml"))
    outcomes = [load_case(case) for case in CASES]
    assert len(outcomes) == len(with_input) == EXPECTED_CASES
    assert all(isinstance(result, LoadedFile) for result in outcomes)


def test_invalid_yaml_accepted_by_libyaml_is_a_short_known_list():
    require_corpus()
    invalid = {case.name for case in INVALID_CASES}
    assert set(LIBYAML_ACCEPTS_INVALID) <= invalid, "a listed case is not an invalid-YAML case"
    assert len(LIBYAML_ACCEPTS_INVALID) <= len(invalid) // 8
