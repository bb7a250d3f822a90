"""Which files a run reads: the YAML files asked for, plus their playbook folder as context."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")
POLICY_FILE = "policy.yaml"


class InputError(Exception):
    """Input the user must correct (a path that does not exist, a file that cannot be read);
    the message is Chinese. Commands turn it into a usage error."""


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
            for child in _yaml_files(path.resolve()):
                found[child] = None
        elif path.is_file():
            found[path.resolve()] = None
        else:
            raise InputError(f"找不到路径「{raw}」：既不是文件也不是文件夹。")
    return list(found)


def _yaml_files(folder: Path) -> Iterator[Path]:
    """YAML files below a resolved folder in path order (each folder's entries by name), hidden
    entries skipped, each resolved (only a link needs resolving: everything else already stands
    at its real path)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except PermissionError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        if entry.is_dir(follow_symlinks=False):  # linked folders are not walked
            yield from _yaml_files(path)
        elif entry.name.endswith(YAML_SUFFIXES) and entry.is_file():
            yield path.resolve() if entry.is_symlink() else path


def playbook_root(path: Path) -> Path | None:
    """The playbook folder a file belongs to: its nearest ancestor with policy.yaml."""
    return next((d for d in path.parents if (d / POLICY_FILE).is_file()), None)


def playbook_roots(requested: list[Path]) -> list[Path]:
    """The playbook folders (nearest ancestors with policy.yaml) of the requested files."""
    roots: dict[Path, None] = {}
    seen_dirs: set[Path] = set()
    for path in requested:
        if path.parent in seen_dirs:
            continue
        seen_dirs.add(path.parent)
        root = playbook_root(path)
        if root is not None:
            roots[root] = None
    return list(roots)


def context_files(requested: list[Path], walked: Sequence[str | Path] = ()) -> list[Path]:
    """Files that give the requested ones their context: the whole playbook folder (the nearest
    ancestor with policy.yaml), so one category can be checked against the policy. Folders in
    ``walked`` were discovered whole already and are not walked again."""
    done = {Path(p).resolve() for p in walked if Path(p).is_dir()}
    roots = [root for root in playbook_roots(requested) if root.resolve() not in done]
    asked = set(requested)
    return [p for p in discover(roots) if p not in asked] if roots else []


def read_files(paths: Iterable[Path]) -> list[tuple[Path, bytes]]:
    contents = []
    for path in paths:
        try:
            contents.append((path, path.read_bytes()))
        except OSError as error:
            raise InputError(f"无法读取「{display_path(path)}」：{error.strerror}。") from error
    return contents
