"""The per-file result cache: right answers after any edit, and nothing a repository can plant.

Correctness: a property test edits random files between runs (categories, the policy, the
calendar, customer types, suppressions, files added and removed, the date) and compares the
cached run with ``--no-cache`` and with a plain whole-model run of every rule. Safety (issue 9):
the cache lives outside the repository, is never used under ``CI=true``, is opened without
following links or blocking, written atomically, and entries of the wrong shape are not used.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PLAYBOOKS, break_tier, describe, replace_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import checker.pipeline.engine
import checker.pipeline.workspace
from checker.cli import main
from checker.deadlines.clock import today
from checker.findings import Finding
from checker.pipeline import cache
from checker.pipeline.discovery import context_files, discover, read_files
from checker.pipeline.engine import assemble, check_paths, load_files
from checker.pipeline.filecheck import digest
from checker.pipeline.suppressions import parse, resolve
from checker.reporters import FORMATS
from checker.rules.context import RuleContext
from checker.rules.registry import model_rules

CATEGORY = "playbooks/categories/product-quality.yaml"
OTHER = "playbooks/categories/after-sales.yaml"
ENV_NAMES = ("CI", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR", "FORCE_COLOR")
# the parts of a store entry (checker.pipeline.cache.ResultStore)
DIGEST, STAT, KIND, FINDINGS, SUPPRESSIONS, FACTS, CHECKED = range(7)


@pytest.fixture(autouse=True)
def cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A private cache directory per test, and no CI variables (CI=true turns the cache off)."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    directory = tmp_path / "cache"
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(directory))
    return directory


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stores(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.json"))


def process(cwd: Path, *argv: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ENV_NAMES}
    environment.update(PYTHONIOENCODING="utf-8", **env)
    return subprocess.run(
        [sys.executable, "-m", "checker", *argv],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


# ---- the plain whole-model run every cached run must agree with ---------------------------------


def whole_model_findings(folder: Path) -> list[Finding]:
    """Every finding of the folder from one model of every file and every rule run on it (no
    per-file split, no cache): what the checker computed before results were kept per file."""
    files = discover([folder]).files
    loaded = load_files(read_files([*files, *context_files(files)]))
    playbooks, findings = assemble(loaded)
    context = RuleContext(playbooks, today())
    for model_rule in model_rules():
        findings.extend(model_rule.run(context))
    comments = [s for source in playbooks.sources for s in parse(source)]
    return sorted(resolve(findings, comments), key=Finding.sort_key)


def comparable(findings: list[Finding]) -> list[tuple]:
    return sorted(
        (f.sort_key(), f.rule_name, f.severity, f.message, f.hint, f.suppressed_reason)
        for f in findings
    )


# ---- the property: edit random files between runs, the cache never changes an answer -----------

CATEGORIES = sorted(p.name for p in (PLAYBOOKS / "categories").glob("*.yaml"))


def _replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old in text:
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _insert_line(path: Path, at: int, line: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(at % (len(lines) + 1), line)
    path.write_text("".join(lines), encoding="utf-8")


def apply_step(folder: Path, step: tuple[str, int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """One edit of the kind named, on the category picked by ``which``, varied by ``n``."""
    kind, which, n = step
    category = folder / "categories" / CATEGORIES[which % len(CATEGORIES)]
    other_id = Path(CATEGORIES[(which + 1) % len(CATEGORIES)]).stem
    original = PLAYBOOKS / "categories" / category.name
    if kind == "revert" and category.exists():
        shutil.copy(original, category)
    elif not category.exists():
        shutil.copy(original, category)  # every other edit starts from a file that exists
    if kind == "tier":
        _replace_in(category, "owner: agent\n", "owner: nobody\n")
    elif kind == "related":
        text = category.read_text(encoding="utf-8")
        missing = "no-such-category" if n % 2 else other_id
        category.write_text(text.replace("\nsummary:", f"\nrelated: [{missing}]\nsummary:", 1))
    elif kind == "duplicate-id":
        _replace_in(category, f"id: {category.stem}\n", f"id: {other_id}\n")
    elif kind == "duration":
        for text in (
            '"1 working days"',
            '"2 working days"',
            '"3 working days"',
            '"5 working days"',
        ):
            _replace_in(category, text, f'"{n % 40 + 1} working days"')
    elif kind == "suppress":
        reason = ["", " 请写明原因", " 经合规部批准的例外"][n % 3]
        rule = ["PB201", "PB301", "PB412", "PB202"][n % 4]
        _insert_line(category, n, f"# playbook: disable={rule}{reason}\n")
    elif kind == "syntax":
        _insert_line(category, n, "  - : [unclosed\n")
    elif kind == "schema":
        _replace_in(category, "\nsummary:", "\nsumary:")
    elif kind == "delete":
        category.unlink()
    elif kind == "copy":
        shutil.copy(category, folder / "categories" / f"copy-{n % 3}.yaml")
    elif kind == "policy":
        _replace_in(folder / "policy.yaml", "  - id: agent\n", "  - id: agenx\n")
    elif kind == "policy-revert":
        shutil.copy(PLAYBOOKS / "policy.yaml", folder / "policy.yaml")
    elif kind == "second-policy":
        shutil.copy(PLAYBOOKS / "policy.yaml", folder / "categories" / "policy-copy.yaml")
    elif kind == "calendar":
        _replace_in(
            folder / "calendar.yaml", 'data_until: "2026-12-31"', 'data_until: "2026-12-05"'
        )
    elif kind == "customer-types":
        path = folder / "customer-types.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("  - id: ", "  - id: x", 1), encoding="utf-8")
    elif kind == "date":
        monkeypatch.setenv("PLAYBOOK_TODAY", ["2026-11-23", "2026-12-20", "2026-06-01"][n % 3])


STEP_KINDS = [
    "tier", "related", "duplicate-id", "duration", "suppress", "syntax", "schema", "delete",
    "copy", "revert", "policy", "policy-revert", "second-policy", "calendar", "customer-types",
    "date",
]  # fmt: skip
STEPS = st.tuples(
    st.sampled_from(STEP_KINDS), st.integers(0, len(CATEGORIES) - 1), st.integers(0, 400)
)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rounds=st.lists(st.lists(STEPS, min_size=1, max_size=3), min_size=2, max_size=4))
def test_cached_runs_agree_with_uncached_and_whole_model_runs(
    rounds: list[list[tuple[str, int, int]]], tmp_path_factory, monkeypatch
) -> None:
    base = tmp_path_factory.mktemp("property")
    folder = base / "playbooks"
    shutil.copytree(PLAYBOOKS, folder)
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-11-23")
    # every file counts as at rest: unchanged ones are taken by size, times and inode unread
    monkeypatch.setattr(checker.pipeline.engine, "STABLE_AFTER_NS", 0)
    for steps in [[], *rounds]:  # the first run fills the cache from the unedited folder
        for step in steps:
            apply_step(folder, step, monkeypatch)
        cached = check_paths([folder], use_cache=True, keep_model=False).findings
        uncached = check_paths([folder], use_cache=False, keep_model=False).findings
        reference = whole_model_findings(folder)
        assert comparable(cached) == comparable(uncached), describe(cached)
        assert comparable(cached) == comparable(reference), (
            f"after {steps}:\ncached:\n{describe(cached)}\nwhole model:\n{describe(reference)}"
        )
    one = folder / "categories" / CATEGORIES[len(rounds) % len(CATEGORIES)]
    if one.exists():  # one file checked with its folder as context shares the folder's results
        single = check_paths([one], use_cache=True, keep_model=False).findings
        assert comparable(single) == comparable(check_paths([one]).findings)


# ---- the cache at work ------------------------------------------------------------------------


def test_cache_gives_identical_output_in_every_format(work: Path, cache_dir: Path, capsys) -> None:
    break_tier(work)
    first = run(capsys, "check")
    assert first[0] == 1
    assert len(stores(cache_dir)) == 1
    assert run(capsys, "check") == first
    for fmt in sorted(FORMATS):
        assert run(capsys, "check", "--format", fmt) == run(
            capsys, "check", "--format", fmt, "--no-cache"
        )


def test_unchanged_files_are_neither_validated_nor_checked_again(
    work: Path, capsys, monkeypatch
) -> None:
    break_tier(work)
    first = run(capsys, "check")
    calls: list[str] = []
    real_read = checker.pipeline.workspace.read_file

    def counting_read(path: str, *args, **kwargs):
        calls.append(path)
        return real_read(path, *args, **kwargs)

    def must_not_run(*_args, **_kwargs):
        raise AssertionError("an unchanged file must not be checked again")

    monkeypatch.setattr(checker.pipeline.workspace, "read_file", counting_read)
    monkeypatch.setattr(checker.pipeline.workspace.Workspace, "_run_file_checks", must_not_run)
    monkeypatch.setattr("checker.schema.validation.validate", must_not_run)
    assert run(capsys, "check") == first
    # only the shared files are read again (the across-files checks need their model)
    assert sorted(calls) == [
        "playbooks/calendar.yaml",
        "playbooks/customer-types.yaml",
        "playbooks/policy.yaml",
    ]


def test_one_changed_category_is_the_only_one_checked_again(
    work: Path, capsys, monkeypatch
) -> None:
    assert run(capsys, "check")[0] == 0
    checked: list[list[str]] = []
    real = checker.pipeline.workspace.Workspace._run_file_checks

    def recording(self, items):
        checked.append([entry.result.path for entry, _ in items])
        return real(self, items)

    monkeypatch.setattr(checker.pipeline.workspace.Workspace, "_run_file_checks", recording)
    break_tier(work)
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert "「nobody」" in out
    assert checked == [[CATEGORY]]


def test_files_at_rest_are_not_read_again(work: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(checker.pipeline.engine, "STABLE_AFTER_NS", 0)
    first = run(capsys, "check")
    read: list[str] = []
    real = checker.pipeline.engine._read

    def counting(path: Path) -> bytes:
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(checker.pipeline.engine, "_read", counting)
    assert run(capsys, "check") == first
    assert sorted(read) == ["calendar.yaml", "customer-types.yaml", "policy.yaml"]


def test_a_rewrite_that_keeps_size_and_modification_time_is_noticed(
    work: Path, capsys, monkeypatch
) -> None:
    """The change time moves with every write, whatever the modification time says."""
    monkeypatch.setattr(checker.pipeline.engine, "STABLE_AFTER_NS", 0)
    assert run(capsys, "check")[0] == 0
    path = work / CATEGORY
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("owner: agent\n", "owner: agenx\n", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert "「agenx」" in out


def test_changing_one_byte_gives_fresh_results(work: Path, capsys) -> None:
    assert run(capsys, "check")[0] == 0
    replace_in(work / CATEGORY, "  normal:\n    owner: agent\n", "  normal:\n    owner: agenx\n")
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert "「agenx」" in out
    replace_in(work / CATEGORY, "owner: agenx\n", "owner: agent\n")
    assert run(capsys, "check")[0] == 0


def test_changing_a_context_file_gives_fresh_results(work: Path, capsys) -> None:
    """Checking one category is cached together with the policy it was checked against."""
    assert run(capsys, "check", CATEGORY)[0] == 0
    replace_in(work / "playbooks" / "policy.yaml", "  - id: agent\n", "  - id: agenx\n")
    code, out, _ = run(capsys, "check", CATEGORY)
    assert code == 1
    assert "PB201" in out


def test_a_category_that_names_another_is_checked_when_that_one_goes(work: Path, capsys) -> None:
    """``related`` is read across files: deleting the named category reports it, unchanged
    file or not."""
    replace_in(work / CATEGORY, "\nsummary:", "\nrelated: [after-sales]\nsummary:")
    assert run(capsys, "check")[0] == 0
    (work / OTHER).unlink()
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert "投诉类别「after-sales」不存在" in out
    assert f"{CATEGORY}:" in out


def test_different_paths_share_the_folders_results(work: Path, capsys) -> None:
    whole = run(capsys, "check")
    single = run(capsys, "check", CATEGORY)
    assert "检查了 10 个文件" in whole[1]
    assert "检查了 1 个文件" in single[1]
    assert run(capsys, "check") == whole


def test_no_cache_writes_no_cache(work: Path, cache_dir: Path, capsys, monkeypatch) -> None:
    assert run(capsys, "check", "--no-cache")[0] == 0
    assert not cache_dir.exists()


def test_default_cache_lives_in_the_users_cache_dir_not_the_repository(
    work: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.delenv("PLAYBOOK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    before = sorted(p.relative_to(work) for p in work.rglob("*"))
    assert run(capsys, "check")[0] == 0
    assert len(stores(tmp_path / "xdg" / "playbook")) == 1
    assert sorted(p.relative_to(work) for p in work.rglob("*")) == before
    assert oct((tmp_path / "xdg" / "playbook").stat().st_mode & 0o777) == oct(0o700)
    (store,) = stores(tmp_path / "xdg" / "playbook")
    assert store.stat().st_mode & 0o077 == 0, "the store is private"


def test_without_xdg_the_cache_is_under_home(work: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("PLAYBOOK_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_root() == tmp_path / "home" / ".cache" / "playbook"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/not/allowed")
    assert cache.cache_root() == tmp_path / "home" / ".cache" / "playbook"


def test_cache_in_subprocesses(work: Path, tmp_path: Path) -> None:
    break_tier(work)
    directory = tmp_path / "proc-cache"
    first = process(work, "check", PLAYBOOK_CACHE_DIR=str(directory))
    second = process(work, "check", PLAYBOOK_CACHE_DIR=str(directory))
    assert len(stores(directory)) == 1
    assert (second.returncode, second.stdout, second.stderr) == (
        first.returncode,
        first.stdout,
        first.stderr,
    )
    assert first.returncode == 1


def test_a_new_checker_or_schema_does_not_reuse_results(tmp_path: Path) -> None:
    """The store is tied to a hash of the checker's code and schemas."""
    package = tmp_path / "checker"
    shutil.copytree(Path(cache.__file__).resolve().parents[1], package, symlinks=False)
    before = cache.fingerprint_of(package)
    rule = package / "rules" / "limits.py"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    after_code = cache.fingerprint_of(package)
    schema = package / "schemas" / "category.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace("时限", "期限", 1), "utf-8")
    after_schema = cache.fingerprint_of(package)
    assert len({before, after_code, after_schema}) == 3


def test_the_checkers_files_at_rest_stand_for_its_fingerprint(tmp_path: Path) -> None:
    """Checking that a store was written by this checker costs a few stats, not a hash of every
    source, while the checker's files are at rest; any write changes the signature."""
    package = tmp_path / "checker"
    shutil.copytree(Path(cache.__file__).resolve().parents[1], package)
    later = time.time_ns() + 3_000_000_000
    assert cache.signature_of(package, time.time_ns()) is None, "files just written prove nothing"
    before = cache.signature_of(package, later)
    assert before is not None
    rule = package / "rules" / "limits.py"
    rule.write_bytes(rule.read_bytes())  # the same bytes, written again
    assert cache.signature_of(package, later + 3_000_000_000) not in (None, before)


def test_a_store_written_by_another_checker_is_not_used(
    work: Path, cache_dir: Path, capsys, monkeypatch
) -> None:
    assert run(capsys, "check")[0] == 0
    break_tier(work)
    expected = run(capsys, "check", "--no-cache")
    (store,) = stores(cache_dir)
    payload = json.loads(store.read_text(encoding="utf-8"))
    entry = payload["files"][CATEGORY]
    # forge: the broken file's hash on the clean file's results, by "another checker"
    entry[DIGEST] = digest((work / CATEGORY).read_bytes())
    payload["checker"], payload["signature"] = "0" * 64, "1" * 64
    store.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "check") == expected


# ---- issue 9: what a pull request (or anything else) can put in the cache's way -----------------


def _old_cache_in_the_repository(work: Path, outside: Path) -> None:
    """What a pull request could commit with ``git add -f`` when the cache lived in the
    checkout: a link for the temporary file, a forged store and a FIFO."""
    planted = work / ".playbook_cache"
    planted.mkdir()
    (planted / "check-runs.tmp").symlink_to(outside)
    forged = {key: {"paths": [CATEGORY], "findings": []} for key in ("a" * 64, "b" * 64)}
    (planted / "check-runs.json").write_text(json.dumps(forged), encoding="utf-8")
    os.mkfifo(planted / "results.json")


def test_nothing_planted_in_the_repository_is_read_or_written(
    work: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.delenv("PLAYBOOK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    outside = tmp_path / "precious.txt"
    outside.write_text("不能被覆盖\n", encoding="utf-8")
    _old_cache_in_the_repository(work, outside)
    break_tier(work)
    expected = run(capsys, "check", "--no-cache")
    assert expected[0] == 1
    assert run(capsys, "check") == expected
    assert run(capsys, "check") == expected
    assert outside.read_text(encoding="utf-8") == "不能被覆盖\n"


def test_a_link_at_the_store_is_neither_followed_nor_written_through(
    work: Path, cache_dir: Path, tmp_path: Path, capsys
) -> None:
    assert run(capsys, "check")[0] == 0
    (store,) = stores(cache_dir)
    clean = store.read_text(encoding="utf-8")
    break_tier(work)
    expected = run(capsys, "check", "--no-cache")
    # a link to a store that says the broken file is clean, and that must not be overwritten
    target = tmp_path / "elsewhere.json"
    payload = json.loads(clean)
    payload["files"][CATEGORY][DIGEST] = digest((work / CATEGORY).read_bytes())
    target.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    forged = target.read_text(encoding="utf-8")
    store.unlink()
    store.symlink_to(target)
    assert run(capsys, "check") == expected
    assert target.read_text(encoding="utf-8") == forged, "the link's target was written"
    assert not store.is_symlink(), "the store was replaced by a file of its own"
    assert run(capsys, "check") == expected


def test_a_fifo_at_the_store_does_not_hang_check(work: Path, tmp_path: Path) -> None:
    directory = tmp_path / "fifo-cache"
    break_tier(work)
    first = process(work, "check", PLAYBOOK_CACHE_DIR=str(directory))
    (store,) = stores(directory)
    store.unlink()
    os.mkfifo(store)
    second = process(work, "check", timeout=60, PLAYBOOK_CACHE_DIR=str(directory))
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    assert second.stderr == ""


@pytest.mark.parametrize(
    "damage",
    [
        "not json",
        "a list",
        "files not a mapping",
        "entry not a list",
        "entry too short",
        "findings not a list",
        "finding too short",
        "line not a number",
        "unknown severity",
        "facts missing",
        "duration unreadable",
        "text index out of range",
        "checked not a list",
    ],
)
def test_an_entry_of_the_wrong_shape_is_not_used(
    work: Path, cache_dir: Path, capsys, damage: str
) -> None:
    break_tier(work)
    expected = run(capsys, "check", "--no-cache")
    assert run(capsys, "check") == expected
    (store,) = stores(cache_dir)
    payload = json.loads(store.read_text(encoding="utf-8"))
    entry = payload["files"][CATEGORY]
    if damage == "not json":
        store.write_text("{这不是 JSON", encoding="utf-8")
    else:
        if damage == "a list":
            payload = [payload]
        elif damage == "files not a mapping":
            payload["files"] = [entry]
        elif damage == "entry not a list":
            payload["files"][CATEGORY] = "干净"
        elif damage == "entry too short":
            payload["files"][CATEGORY] = entry[:3]
        elif damage == "findings not a list":
            entry[FINDINGS] = "none"
        elif damage == "finding too short":
            entry[CHECKED][2] = [["PB201", "references-resolve", "error"]]
        elif damage == "line not a number":
            entry[CHECKED][2][0][3] = "第一行"
        elif damage == "unknown severity":
            entry[CHECKED][2][0][2] = "fatal"
        elif damage == "facts missing":
            entry[FACTS] = None
        elif damage == "duration unreadable":
            payload["texts"].append("三天")
            entry[FACTS][2] = [len(payload["texts"]) - 1]
        elif damage == "text index out of range":
            entry[CHECKED][0] = 10**6
        elif damage == "checked not a list":
            entry[CHECKED] = {"findings": []}
        store.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "check") == expected
    assert run(capsys, "check") == expected


def test_ci_never_reads_or_writes_the_cache(
    work: Path, cache_dir: Path, capsys, monkeypatch
) -> None:
    assert run(capsys, "check")[0] == 0
    (store,) = stores(cache_dir)
    before = store.read_bytes()
    break_tier(work)
    # a store claiming the broken file is clean: CI must not believe it
    payload = json.loads(before)
    payload["files"][CATEGORY][DIGEST] = digest((work / CATEGORY).read_bytes())
    store.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    forged = store.read_bytes()
    monkeypatch.setenv("CI", "true")
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert "「nobody」" in out
    assert store.read_bytes() == forged
    assert stores(cache_dir) == [store]


def test_a_cache_directory_others_can_write_is_not_used(
    work: Path, cache_dir: Path, capsys
) -> None:
    assert run(capsys, "check")[0] == 0
    (store,) = stores(cache_dir)
    break_tier(work)
    payload = json.loads(store.read_text(encoding="utf-8"))
    payload["files"][CATEGORY][DIGEST] = digest((work / CATEGORY).read_bytes())
    store.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    cache_dir.chmod(0o777)
    try:
        code, out, _ = run(capsys, "check")
    finally:
        cache_dir.chmod(0o700)
    assert code == 1
    assert "「nobody」" in out


def test_a_cache_directory_that_is_a_link_is_not_used(
    work: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    real = tmp_path / "real-cache"
    real.mkdir(mode=0o700)
    link = tmp_path / "linked-cache"
    link.symlink_to(real)
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(link))
    assert run(capsys, "check")[0] == 0
    assert stores(real) == []


def test_old_stores_are_forgotten(work: Path, cache_dir: Path, capsys, monkeypatch) -> None:
    cache_dir.mkdir(mode=0o700)
    for i in range(cache.KEEP_STORES + 5):
        (cache_dir / f"{i:032x}.json").write_text("{}", encoding="utf-8")
        os.utime(cache_dir / f"{i:032x}.json", (1_000_000 + i, 1_000_000 + i))
    (cache_dir / "notes.txt").write_text("不是缓存文件", encoding="utf-8")
    assert run(capsys, "check")[0] == 0
    assert len(stores(cache_dir)) == cache.KEEP_STORES
    assert (cache_dir / "notes.txt").exists()
    assert not (cache_dir / f"{0:032x}.json").exists(), "the oldest store goes first"


def test_a_cached_file_swapped_for_a_link_out_of_the_folder_is_refused(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache holds results, never a way around discovery: a category whose results are
    cached and that is then replaced by a link leading out of the folder, or by a FIFO, is
    refused (PB012) like any other, and its target is never read."""
    folder = tmp_path / "work" / "playbooks"
    shutil.copytree(PLAYBOOKS, folder)
    monkeypatch.chdir(folder.parent)
    monkeypatch.setattr(checker.pipeline.engine, "STABLE_AFTER_NS", 0)
    assert check_paths(["playbooks"], use_cache=True, keep_model=False).summary.errors == 0
    secret = tmp_path / "secret.yaml"
    shutil.copy(folder / "categories" / "product-quality.yaml", secret)
    (folder / "categories" / "product-quality.yaml").unlink()
    (folder / "categories" / "product-quality.yaml").symlink_to(secret)
    os.mkfifo(folder / "categories" / "after-sales.yaml.tmp.yaml")
    result = check_paths(["playbooks"], use_cache=True, keep_model=False)
    refused = {(f.rule_id, f.path) for f in result.findings if f.rule_id == "PB012"}
    assert refused == {
        ("PB012", "playbooks/categories/product-quality.yaml"),
        ("PB012", "playbooks/categories/after-sales.yaml.tmp.yaml"),
    }
    assert "playbooks/categories/product-quality.yaml" not in result.contents
