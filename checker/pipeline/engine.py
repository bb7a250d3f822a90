"""One check run: read the files, load, validate, build the model, apply rules and suppressions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker.deadlines.clock import today
from checker.findings import Finding, Stage, Summary, family_of
from checker.model import PlaybookSet
from checker.model.builder import build_playbook_set
from checker.pipeline import cache
from checker.pipeline.discovery import (
    InputError,
    context_files,
    discover,
    display_path,
    read_files,
)
from checker.pipeline.suppressions import SUPPRESSION_REASON, UNUSED_SUPPRESSION
from checker.pipeline.suppressions import apply as apply_suppressions
from checker.rules.context import RuleContext
from checker.rules.registry import model_rules
from checker.schema.validation import validate
from checker.yaml.loader import LoadedFile, load_bytes
from checker.yaml.source import split_lines


@dataclass
class CheckResult:
    findings: list[Finding]
    paths: tuple[str, ...]
    playbooks: PlaybookSet | None
    # display path -> the bytes this run read: code frames come from here, never from a
    # second read of the disk (a refused link is never opened at all)
    contents: dict[str, bytes] = field(default_factory=dict)

    @property
    def summary(self) -> Summary:
        return Summary.of(self.findings, self.paths)

    def line_text(self, path: str, line: int) -> str:
        """The 1-based line of a file this run read, or ''."""
        raw = self.contents.get(path)
        if raw is None:
            return ""
        lines = split_lines(raw.decode("utf-8", errors="replace").removeprefix("\ufeff"))
        return lines[line - 1] if 0 < line <= len(lines) else ""


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
    valid = []
    for item in loaded:
        findings.extend(item.findings)
        if item.data is None:
            continue
        kind, problems = validate(item.source, item.data)
        findings.extend(problems)
        if kind is not None and not problems:
            valid.append((kind, item.data, item.source))
    playbooks, problems = build_playbook_set(valid, (item.source for item in loaded))
    return playbooks, findings + problems


def run_rules(playbooks: PlaybookSet) -> list[Finding]:
    context = RuleContext(playbooks, today(playbooks.calendar))
    findings: list[Finding] = []
    for model_rule in model_rules():
        findings.extend(model_rule.run(context))
    return findings


def _checked_elsewhere(rule_ids: Iterable[str]) -> bool:
    """Suppressions of PB7xx belong to `playbook diff`; a check never reports those rules."""
    families = [family_of(rule_id) for rule_id in rule_ids]
    return all(f is not None and f.stage is Stage.DIFF for f in families)


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
    for s in outcome.unused:
        if _checked_elsewhere(s.rule_ids):
            continue
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
    discovered = discover(paths)
    requested = discovered.files
    if not requested and not discovered.refused:
        shown = "、".join(str(p) for p in paths)
        raise InputError(f"在「{shown}」中没有找到 .yaml 或 .yml 文件，没有可检查的内容。")
    contents = read_files([*requested, *context_files(requested)])
    wanted = tuple(display_path(p) for p in requested)
    # refused entries are findings of their own, outside the cache (they were never read)
    refused = discovered.refused
    everything = (*wanted, *discovered.refused_paths)
    read = {display_path(p): raw for p, raw in contents}
    key = ""
    if use_cache:
        # today's date is an input too: PB802 judges the calendar against it
        options = "\0".join((*wanted, today().isoformat()))
        key = cache.run_key([(display_path(p), raw) for p, raw in contents], options)
        hit = cache.lookup(key)
        if hit is not None:
            found = sorted([*hit[0], *refused], key=Finding.sort_key)
            return CheckResult(found, everything, None, read)
    playbooks, findings = check_loaded(load_files(contents))
    keep = set(wanted)
    reported = sorted((f for f in findings if f.path in keep), key=Finding.sort_key)
    if use_cache:
        cache.store(key, reported, wanted)
    found = sorted([*reported, *refused], key=Finding.sort_key)
    return CheckResult(found, everything, playbooks, read)
