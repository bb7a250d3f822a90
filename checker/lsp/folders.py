"""The playbook folders an editor works in, each kept warm in a ``Workspace``.

A folder is one with ``policy.yaml`` (as for ``playbook check``); YAML files elsewhere are not
playbooks and get no diagnostics. Files are named as ``playbook check`` run from the editor's
workspace folder names them, so messages that name another file read the same.
"""

from __future__ import annotations

import gc
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from checker.findings import Finding
from checker.model import PlaybookSet
from checker.pipeline.discovery import InputError, discover, playbook_root, read_bytes
from checker.pipeline.engine import processing_order
from checker.pipeline.workspace import Workspace


class Folder:
    """One playbook folder: every file in a warm workspace, the editor's text for open ones."""

    def __init__(self, root: Path, base: Path) -> None:
        self.root = root
        self.base = base
        files = self._discover()
        # no date given: the workspace judges by today in the calendar's time zone, asked
        # afresh on every look (a server runs across midnight)
        self.workspace = Workspace(order=[self.name(p) for p in files], keep_model=True)
        self.disk: dict[str, Path] = {}
        self._seen: dict[str, tuple[int, int]] = {}  # name -> (size, mtime) as last read
        self._findings: dict[str, list[Finding]] | None = None
        for path in sorted(files, key=processing_order):
            self._read(path)

    def name(self, path: Path) -> str:
        """The path as ``playbook check`` shows it when run in ``base``."""
        try:
            return Path(os.path.relpath(path, self.base)).as_posix()
        except ValueError:
            return path.as_posix()

    def _discover(self) -> list[Path]:
        """The folder's files as ``playbook check`` admits them: links leading out of the
        folder, FIFOs and devices are refused (PB012) and never read."""
        return discover([self.root]).files

    def inside(self, path: Path) -> bool:
        """Whether ``path`` (resolved) is in this playbook folder: nothing else is ever read."""
        return path.is_relative_to(self.root)

    def _read(self, path: Path) -> None:
        name = self.name(path)
        if not self.inside(path.resolve()):
            self.remove(path)
            return
        try:
            info = os.lstat(path)
            # as check reads: no link followed, no blocking, regular files only
            raw = read_bytes(path)
        except (OSError, InputError):
            self.remove(path)
            return
        self.disk[name] = path
        self._seen[name] = (info.st_size, info.st_mtime_ns)
        self.put(name, raw, path)

    def put(self, name: str, raw: bytes, path: Path | None = None) -> None:
        if path is not None:
            self.disk[name] = path
        if self.workspace.put(name, raw, path):
            self._findings = None

    def remove(self, path: Path) -> None:
        name = self.name(path)
        self.disk.pop(name, None)
        self._seen.pop(name, None)
        self.workspace.remove(name)
        self._findings = None

    def reload(self, path: Path) -> None:
        """Take a file's content from disk again (closed in the editor, or changed outside)."""
        admitted = self._discover()
        if path in admitted:
            known = self.name(path) in self.disk
            self._read(path)
            if not known:  # a new file takes its place in the folder's order, as in check
                self.workspace.reorder([self.name(p) for p in admitted])
        else:
            self.remove(path)

    def rescan(self, skip: Iterable[str]) -> None:
        """Pick up files added, removed or changed on disk (git checkout, another tool) when
        the editor sends no file events; ``skip``: names open in the editor."""
        open_names = set(skip)
        present = {self.name(p): p for p in self._discover()}
        if present.keys() - self.disk.keys():
            self.workspace.reorder(list(present))
        for name in list(self.disk):
            if name not in present and name not in open_names:
                self.remove(self.disk[name])
        for name, path in present.items():
            if name in open_names:
                continue
            try:
                info = path.stat()
            except OSError:
                continue
            if self._seen.get(name) != (info.st_size, info.st_mtime_ns):
                self._read(path)

    def findings(self) -> dict[str, list[Finding]]:
        """Every finding of the folder, by file name (computed once per change)."""
        if self._findings is None:
            grouped: dict[str, list[Finding]] = defaultdict(list)
            for finding in self.workspace.findings():
                grouped[finding.path].append(finding)
            self._findings = dict(grouped)
        return self._findings

    def shared(self) -> PlaybookSet:
        """The folder's policy, customer types and calendar models."""
        return self.workspace.shared()


class Folders:
    """Every playbook folder with a document open in the editor, found by the document."""

    def __init__(self) -> None:
        self.bases: list[Path] = []  # the editor's workspace folders
        self._folders: dict[Path, Folder] = {}

    def folder_of(self, path: Path) -> Folder | None:
        """The folder the file belongs to (loaded on first use), or None outside any."""
        root = playbook_root(path)
        if root is None:
            return None
        root = root.resolve()
        if self.bases and not any(root.is_relative_to(b) for b in self.bases):
            return None  # a playbook folder outside the editor's workspace is not read
        if root not in self._folders:
            base = next((b for b in self.bases if root.is_relative_to(b)), root.parent)
            self._folders[root] = Folder(root, base)
            self._folders[root].findings()
            # the folder's models live as long as the server: the garbage collector need not
            # look at them again on every edit
            gc.freeze()
        return self._folders[root]

    def __iter__(self) -> Iterator[Folder]:
        return iter(self._folders.values())
