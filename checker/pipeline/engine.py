"""One check run: stream the files through a workspace (with the cache), report the asked ones.

Also the whole-set assembly that ``playbook diff`` uses on each side (``load_files``,
``assemble``): load, validate and build every file, no rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.deadlines.clock import today
from checker.findings import Finding, Summary
from checker.model import PlaybookSet
from checker.pipeline.discovery import (
    InputError,
    context_files,
    discover,
    display_path,
    playbook_root,
)
from checker.pipeline.workspace import Workspace
from checker.yaml.loader import LoadedFile, load_bytes


@dataclass
class CheckResult:
    findings: list[Finding]
    paths: tuple[str, ...]
    playbooks: PlaybookSet | None

    @property
    def summary(self) -> Summary:
        return Summary.of(self.findings, self.paths)


def load_files(contents: Iterable[tuple[Path, bytes]]) -> list[LoadedFile]:
    loaded = []
    for path, raw in contents:
        item = load_bytes(display_path(path), raw)
        item.source.disk_path = path
        loaded.append(item)
    return loaded


def assemble(loaded: list[LoadedFile]) -> tuple[PlaybookSet, list[Finding]]:
    """Validate each loaded file against its schema and build the model from the valid ones."""
    from checker.model.builder import build_playbook_set
    from checker.schema.validation import validate

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


def _processing_order(path: Path) -> tuple[int, str]:
    """Shallow files first: the policy, customer types and calendar (at the folder's top) are
    then known before the categories are checked against them."""
    return (len(path.parts), str(path))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"无法读取「{display_path(path)}」：{error.strerror}。") from error


def check_paths(
    paths: Sequence[str | Path], use_cache: bool = False, keep_model: bool = True
) -> CheckResult:
    """Check the given files and folders (with their playbook folder as context).

    With ``use_cache`` each file's results are kept between runs (``checker.pipeline.cache``)
    and an unchanged file is neither read as YAML, validated nor checked again. Without
    ``keep_model`` the result carries no model and memory stays bounded by the largest file,
    not by the number of files.
    """
    requested = discover(paths)
    if not requested:
        shown = "、".join(str(p) for p in paths)
        raise InputError(f"在「{shown}」中没有找到 .yaml 或 .yml 文件，没有可检查的内容。")
    files = [*requested, *context_files(requested)]
    wanted = tuple(display_path(p) for p in requested)
    store = None
    if use_cache:
        from checker.pipeline.cache import ResultStore

        roots = {str(playbook_root(p) or p.parent) for p in requested}
        store = ResultStore.open(roots)
    workspace = Workspace(
        today(), order=[display_path(p) for p in files], store=store, keep_model=keep_model
    )
    for path in sorted(files, key=_processing_order):
        workspace.put(display_path(path), _read(path), path)
    findings = workspace.findings()
    if store is not None:
        store.save(workspace.results())
    keep = set(wanted)
    reported = sorted((f for f in findings if f.path in keep), key=Finding.sort_key)
    return CheckResult(reported, wanted, workspace.playbooks() if keep_model else None)
