"""One check run: stream the files through a workspace (with the cache), report the asked ones.

Also the whole-set assembly that ``playbook diff`` uses on each side (``load_files``,
``assemble``): load, validate and build every file, no rules.
"""

from __future__ import annotations

import gc
import os
import stat
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from checker.findings import Finding, Summary
from checker.model import PlaybookSet
from checker.pipeline.discovery import (
    InputError,
    context_files,
    discover,
    display_path,
    playbook_roots,
    read_bytes,
)
from checker.pipeline.filecheck import digest
from checker.pipeline.results import FileStat
from checker.pipeline.workspace import Workspace
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
    # display path -> (file on disk, digest of the bytes checked) for asked files whose bytes
    # are not kept (memory stays bounded): read on first need as safely as any other read
    # (no link followed, no blocking, regular files only), at most once, and quoted only if
    # they are still the bytes the run checked
    unread: dict[str, tuple[Path, str]] = field(default_factory=dict)

    @property
    def summary(self) -> Summary:
        return Summary.of(self.findings, self.paths)

    def line_text(self, path: str, line: int) -> str:
        """The 1-based line of a file this run read, or ''."""
        raw = self.contents.get(path)
        if raw is None:
            known = self.unread.pop(path, None)
            if known is None:
                return ""
            try:
                raw = read_bytes(known[0])
            except InputError:
                return ""
            if digest(raw) != known[1]:
                raw = b""
            self.contents[path] = raw
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
    """The file's size, times and inode if it is a regular file (not a link: discovery gives
    the link's target) that has been at rest for a while, else None (then it is read, safely)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    now = time.time_ns()
    if max(info.st_mtime_ns, info.st_ctime_ns) > now - STABLE_AFTER_NS:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _read(path: Path) -> bytes:
    """The file's bytes, read as discovery's ``read_bytes`` reads: no link followed, no
    blocking, regular files only."""
    return read_bytes(path)


def check_paths(
    paths: Sequence[str | Path], use_cache: bool = False, keep_model: bool = True
) -> CheckResult:
    """Check the given files and folders (with their playbook folder as context).

    With ``use_cache`` each file's results are kept between runs (``checker.pipeline.cache``)
    and an unchanged file is neither read as YAML, validated nor checked again. Without
    ``keep_model`` the result carries no model and memory stays bounded by the largest file,
    not by the number of files.
    """
    discovered = discover(paths)
    requested = discovered.files
    if not requested and not discovered.refused:
        shown = "、".join(str(p) for p in paths)
        raise InputError(f"在「{shown}」中没有找到 .yaml 或 .yml 文件，没有可检查的内容。")
    roots = playbook_roots(requested)
    files = [*requested, *context_files(requested, walked=paths, roots=roots)]
    store = None
    if use_cache:
        from checker.pipeline.cache import ResultStore

        store = ResultStore.open(str(root) for root in roots or paths)
    names = _display_paths(files)
    wanted = tuple(names[p] for p in requested)
    keep = set(wanted)
    # the date follows the calendar's time zone (PB802): the workspace asks once it has one
    workspace = Workspace(None, order=list(names.values()), store=store, keep_model=keep_model)
    with _batch_collection():
        for path in sorted(files, key=processing_order):
            name = names[path]
            at_rest = _stable_stat(path) if store is not None else None
            if at_rest is None or not workspace.put_unread(name, path, at_rest):
                workspace.put(name, _read(path), path, at_rest)
        findings = workspace.findings()
    if store is not None:
        store.save(workspace.results(), workspace.comparison_answers(), workspace.stats())
    # refused entries are findings of their own, outside the cache (they were never read)
    refused = discovered.refused
    everything = (*wanted, *discovered.refused_paths)
    reported = sorted([*(f for f in findings if f.path in keep), *refused], key=Finding.sort_key)
    checked = {r.path: r.digest for r in workspace.results()}
    unread = {names[p]: (p, checked[names[p]]) for p in requested if names[p] in checked}
    return CheckResult(
        reported, everything, workspace.playbooks() if keep_model else None, {}, unread
    )
