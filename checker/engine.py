"""One check run: find files, load, validate, build the model, apply rules and suppressions."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker import cache
from checker.findings import Finding, Summary
from checker.loader import LoadedFile, load_bytes
from checker.model import (
    Calendar,
    Category,
    CustomerTypes,
    Header,
    PlaybookSet,
    Policy,
    build_calendar,
    build_category,
    build_customer_types,
    build_header,
    build_policy,
)
from checker.rules.calendar import today, unreal_calendar_dates
from checker.rules.registry import all_rules
from checker.rules.suppression import SUPPRESSION_REASON, UNUSED_SUPPRESSION
from checker.schema_check import validate
from checker.suppressions import apply as apply_suppressions

YAML_SUFFIXES = (".yaml", ".yml")
POLICY_FILE = "policy.yaml"


class UsageError(Exception):
    """Bad command-line input (a path that does not exist); the message is Chinese."""


@dataclass
class CheckResult:
    findings: list[Finding]
    paths: tuple[str, ...]
    playbooks: PlaybookSet | None

    @property
    def summary(self) -> Summary:
        return Summary.of(self.findings, self.paths)


def display_path(path: Path) -> str:
    """Repository-style path: relative to the working directory when possible, POSIX slashes."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()


def discover(paths: Sequence[str | Path]) -> list[Path]:
    """YAML files under the given files and folders, sorted, without duplicates."""
    found: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.suffix in YAML_SUFFIXES and child.is_file() and not _hidden(child, path):
                    found[child.resolve()] = None
        elif path.is_file():
            found[path.resolve()] = None
        else:
            raise UsageError(f"找不到路径「{raw}」：既不是文件也不是文件夹。")
    return list(found)


def _hidden(child: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in child.relative_to(root).parts)


def context_files(requested: list[Path]) -> list[Path]:
    """Files that give the requested ones their context: the whole playbook folder (the nearest
    ancestor with policy.yaml), so one category can be checked against the policy."""
    roots: dict[Path, None] = {}
    seen_dirs: set[Path] = set()
    for path in requested:
        if path.parent in seen_dirs:
            continue
        seen_dirs.add(path.parent)
        root = next((d for d in path.parents if (d / POLICY_FILE).is_file()), None)
        if root is not None:
            roots[root] = None
    asked = set(requested)
    return [p for p in discover(list(roots)) if p not in asked] if roots else []


def read_files(paths: Iterable[Path]) -> list[tuple[Path, bytes]]:
    contents = []
    for path in paths:
        try:
            contents.append((path, path.read_bytes()))
        except OSError as error:
            raise UsageError(f"无法读取「{display_path(path)}」：{error.strerror}。") from error
    return contents


def load_files(contents: Iterable[tuple[Path, bytes]]) -> list[LoadedFile]:
    loaded = []
    for path, raw in contents:
        item = load_bytes(display_path(path), raw)
        item.source.disk_path = path
        loaded.append(item)
    return loaded


def assemble(loaded: list[LoadedFile]) -> tuple[PlaybookSet, list[Finding]]:
    """Validate each loaded file against its schema and build the model from the valid ones."""
    findings: list[Finding] = []
    policy: Policy | None = None
    categories: list[Category] = []
    customer_types: CustomerTypes | None = None
    calendar: Calendar | None = None
    headers: list[Header] = []
    for item in loaded:
        findings.extend(item.findings)
        if item.data is None:
            continue
        kind, problems = validate(item.source, item.data)
        findings.extend(problems)
        if kind is None or problems:
            continue
        headers.append(build_header(item.data, item.source))
        if kind == "policy" and policy is None:
            policy = build_policy(item.data, item.source)
        elif kind == "category":
            categories.append(build_category(item.data, item.source))
        elif kind == "customer-types" and customer_types is None:
            customer_types = build_customer_types(item.data, item.source)
        elif kind == "calendar" and calendar is None:
            bad_dates = list(unreal_calendar_dates(item.data, item.source))
            findings.extend(bad_dates)
            if not bad_dates:
                calendar = build_calendar(item.data, item.source)
    playbooks = PlaybookSet(
        policy=policy,
        categories=tuple(categories),
        customer_types=customer_types,
        calendar=calendar,
        headers=tuple(headers),
        sources=tuple(item.source for item in loaded),
    )
    return playbooks, findings


def run_rules(playbooks: PlaybookSet) -> list[Finding]:
    findings: list[Finding] = []
    for rule in all_rules():
        if rule.check is not None:
            findings.extend(rule.check(playbooks))
    return findings


def check_loaded(loaded: list[LoadedFile]) -> tuple[PlaybookSet, list[Finding]]:
    """Everything after reading bytes: schema, model, rules, suppressions."""
    playbooks, findings = assemble(loaded)
    findings.extend(run_rules(playbooks))
    outcome = apply_suppressions(findings, playbooks.sources)
    result = outcome.findings
    sources = {s.path: s for s in playbooks.sources}
    for s in outcome.without_reason:
        result.append(
            SUPPRESSION_REASON.at(
                sources[s.path],
                s.line,
                s.column,
                f"抑制 {'、'.join(sorted(s.rule_ids))} 的注释没有写原因，因此不生效。",
                "在规则号后面写明原因，例如：# playbook: disable=PB304 经合规部书面批准的试点。",
            )
        )
    diff_stage = {r.id for r in all_rules() if r.stage == "diff"}
    for s in outcome.unused:
        if s.rule_ids <= diff_stage:
            continue  # PB7xx findings come from `playbook diff`, never from a check

        result.append(
            UNUSED_SUPPRESSION.at(
                sources[s.path],
                s.line,
                s.column,
                f"第 {s.applies_to_line} 行没有 {'、'.join(sorted(s.rule_ids))} 的问题，这条抑制注释没有用。",
                "删除这条注释。",
            )
        )
    return playbooks, result


def check_paths(paths: Sequence[str | Path], use_cache: bool = False) -> CheckResult:
    """Check the given files and folders (with their playbook folder as context).

    With ``use_cache`` an unchanged run (same checker, options and file contents) is answered
    from the content-hash cache without parsing anything.
    """
    requested = discover(paths)
    if not requested:
        shown = "、".join(str(p) for p in paths)
        raise UsageError(f"在「{shown}」中没有找到 .yaml 或 .yml 文件，没有可检查的内容。")
    contents = read_files([*requested, *context_files(requested)])
    wanted = tuple(display_path(p) for p in requested)
    key = ""
    if use_cache:
        # today's date is an input too: PB802 judges the calendar against it
        options = "\0".join((*wanted, today().isoformat()))
        key = cache.run_key([(display_path(p), raw) for p, raw in contents], options)
        hit = cache.lookup(key)
        if hit is not None:
            return CheckResult(hit[0], hit[1], None)
    playbooks, findings = check_loaded(load_files(contents))
    keep = set(wanted)
    reported = sorted((f for f in findings if f.path in keep), key=Finding.sort_key)
    if use_cache:
        cache.store(key, reported, wanted)
    return CheckResult(reported, wanted, playbooks)
