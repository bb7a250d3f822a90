"""One check run: stream the files through a workspace (with the cache), report the asked ones.

Also the whole-set assembly that ``playbook diff`` uses on each side (``load_files``,
``assemble``): load, validate and build every file, no rules.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
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
    playbook_roots,
)
from checker.pipeline.results import FileStat
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


def processing_order(path: Path) -> tuple[int, str]:
    """Shallow files first: the policy, customer types and calendar (at the folder's top) are
    then known before the categories are checked against them."""
    text = str(path)
    return (text.count(os.sep), text)


def _display_paths(files: Iterable[Path]) -> dict[Path, str]:
    """``display_path`` of each file, worked out once per folder (files share a few)."""
    folders: dict[Path, str] = {}
    names = {}
    for path in files:
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = display_path(path.parent)
        names[path] = path.name if folder == "." else f"{folder}/{path.name}"
    return names


@contextmanager
def _batch_collection() -> Iterator[None]:
    """A check allocates hundreds of objects per file and frees them by reference counting;
    the cyclic garbage collector only needs to look now and then, and never at the modules
    imported before the run (``gc.freeze``). Restored afterwards."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


# A file whose modification and change times are this much older than now is taken to be at
# rest: a later write would give it a newer time. Files changed more recently are always read.
STABLE_AFTER_NS = 2_000_000_000


def _stable_stat(path: Path) -> FileStat | None:
    """The file's size, times and inode if it has been at rest for a while, else None."""
    try:
        info = path.stat()
    except OSError:
        return None
    now = time.time_ns()
    if max(info.st_mtime_ns, info.st_ctime_ns) > now - STABLE_AFTER_NS:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


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
    files = [*requested, *context_files(requested, walked=paths)]
    store = None
    if use_cache:
        from checker.pipeline.cache import ResultStore

        store = ResultStore.open(str(root) for root in playbook_roots(requested) or paths)
    names = _display_paths(files)
    workspace = Workspace(today(), order=list(names.values()), store=store, keep_model=keep_model)
    with _batch_collection():
        for path in sorted(files, key=processing_order):
            name = names[path]
            stat = _stable_stat(path) if store is not None else None
            if stat is None or not workspace.put_unread(name, path, stat):
                workspace.put(name, _read(path), path, stat)
        findings = workspace.findings()
    if store is not None:
        store.save(workspace.results(), workspace.comparison_answers(), workspace.stats())
    wanted = tuple(names[p] for p in requested)
    keep = set(wanted)
    reported = sorted((f for f in findings if f.path in keep), key=Finding.sort_key)
    return CheckResult(reported, wanted, workspace.playbooks() if keep_model else None)
