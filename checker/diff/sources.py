"""The two sides of a diff: a folder on disk, or a git revision read straight from the object
store (``checker.diff.git``).

Each side goes through the checker's own loader and schema stage, and the rule that keeps ids
unique (PB202: items are paired by id); a side with errors cannot be compared and is reported
as such. A file that is byte-identical on both sides is read and parsed once; a file that
differs keeps its node tree, since its changes will be located in it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from checker.diff.git import Git
from checker.findings import Finding, Severity
from checker.model import PlaybookSet
from checker.pipeline.discovery import InputError, discover, display_path, read_files
from checker.pipeline.engine import assemble
from checker.rules.context import RuleContext
from checker.rules.registry import model_rule
from checker.yaml.loader import LoadedFile, load_bytes

BASE_ROLE, HEAD_ROLE = "基准", "对比"


@dataclass
class Side:
    """One side of the comparison, loaded: what it is (for people) and its playbooks.
    ``git`` and ``paths`` (display path -> repository path) are set for a git revision."""

    role: str
    label: str
    folder: str
    playbooks: PlaybookSet
    problems: list[Finding] = field(default_factory=list)
    revision: str | None = None
    note: str = ""
    git: Git | None = None
    paths: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return f"{self.role}：{self.label}"


class SideErrors(Exception):
    """One side (or both) has playbooks the checker cannot read; the diff cannot run."""

    def __init__(self, sides: list[Side]) -> None:
        super().__init__("、".join(side.role for side in sides))
        self.sides = sides


def assemble_side(
    role: str, label: str, folder: str, loaded: list[LoadedFile], revision: str | None = None
) -> Side:
    """Schema-check and model one side's loaded files; errors are kept as ``problems``."""
    playbooks, findings = assemble(loaded)
    unique_ids = model_rule("PB202")
    if unique_ids is not None:  # items are paired by id: a duplicate id cannot be compared
        findings.extend(unique_ids.run(RuleContext(playbooks)))
    problems = [f for f in findings if f.severity is Severity.ERROR]
    return Side(role, label, folder, playbooks, problems, revision)


@dataclass
class _Files:
    """One side's files before loading: relative name -> (display path, bytes), with git's
    blob id of each (so a revision need not read a blob the other side already has)."""

    label: str
    folder: str
    raw: dict[str, tuple[str, bytes]]
    blob_ids: dict[str, str]
    revision: str | None = None
    git: Git | None = None
    paths: dict[str, str] = field(default_factory=dict)
    refused: list[Finding] = field(default_factory=list)


def _blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _folder_files(path: Path, playbooks: str, label: str | None = None) -> _Files:
    folder = path / playbooks if (path / playbooks).is_dir() else path
    discovered = discover([folder])
    if not discovered.files and not discovered.refused:
        raise InputError(
            f"文件夹「{display_path(folder)}」中没有 .yaml 或 .yml 文件，没有可比较的内容。"
        )
    shown, root = display_path(folder.resolve()), folder.resolve()
    raw = {
        p.relative_to(root).as_posix(): (display_path(p), data)
        for p, data in read_files(discovered.files)
    }
    ids = {name: _blob_id(data) for name, (_, data) in raw.items()}
    # links out of the folder etc. are never read: their findings stop the comparison
    return _Files(label or f"文件夹 {shown}", shown, raw, ids, refused=discovered.refused)


def _revision_files(
    role: str, git: Git, sha: str, label: str, playbooks: str, other: _Files | None
) -> _Files:
    """A revision's files; a blob the other side already holds (same name, same id) is not
    read again."""
    folder = git.folder(playbooks)
    blobs = {
        (name if folder == "." else name[len(folder) + 1 :]): (name, blob)
        for name, blob in git.blobs(sha, folder).items()
    }
    if not blobs:
        raise InputError(
            f"{role}版本 {label} 中没有「{folder}」文件夹，或其中没有 .yaml 文件。用 --playbooks 指定手册文件夹。"
        )
    have, held = (other.blob_ids, other.raw) if other else ({}, {})
    fresh = [rel for rel, (_, blob) in blobs.items() if have.get(rel) != blob]
    read = dict(zip(fresh, git.read([blobs[r][1] for r in fresh], f"版本 {sha[:7]}"), strict=True))
    shown = {rel: git.display(name) for rel, (name, _) in blobs.items()}
    raw = {rel: (shown[rel], read[rel] if rel in read else held[rel][1]) for rel in blobs}
    ids = {rel: blob for rel, (_, blob) in blobs.items()}
    paths = {shown[rel]: name for rel, (name, _) in blobs.items()}
    return _Files(label, git.display(folder), raw, ids, sha, git, paths)


def _load(files: _Files, other: _Files, shared: dict[str, LoadedFile]) -> list[LoadedFile]:
    """Load a side's files. A file byte-identical to the other side's is loaded once (shared
    when it loaded cleanly: nothing of it will be located); a file that differs keeps its node
    tree, since its changes will be located in it."""
    loaded = []
    for name, (shown, raw) in files.raw.items():
        same = other.blob_ids.get(name) == files.blob_ids[name]
        twin = shared.get(name)
        if same and twin is not None and not twin.findings:
            loaded.append(twin)
        else:
            loaded.append(load_bytes(shown, raw, keep_tree=not same))
    return loaded


def _side(role: str, files: _Files, loaded: list[LoadedFile]) -> Side:
    side = assemble_side(role, files.label, files.folder, loaded, files.revision)
    side.problems[:0] = files.refused
    side.git, side.paths = files.git, files.paths
    return side


def load_sides(base: str | None, head: str | None, playbooks: str) -> tuple[Side, Side]:
    """Resolve and load BASE and HEAD as ``playbook diff [BASE [HEAD]]`` documents them.

    A spec that is an existing folder is read from disk (its ``playbooks`` subfolder if it has
    one); anything else is a git revision. HEAD defaults to the working tree's playbook folder,
    BASE to the merge-base of HEAD with the main branch. Raises ``InputError`` for what cannot
    be resolved and ``SideErrors`` when a side's playbooks cannot be read.
    """
    git: Git | None = None

    def repository(purpose: str) -> Git:
        nonlocal git
        if git is None:
            git = Git.here(purpose)
        return git

    if head is None:
        if not Path(playbooks).is_dir():
            raise InputError(f"找不到手册文件夹「{playbooks}」。用 --playbooks 指定它。")
        head_files = _folder_files(Path(playbooks), ".", f"工作区 {playbooks}")
        head_revision, head_name = "HEAD", "HEAD"
    elif Path(head).is_dir():
        head_files = _folder_files(Path(head), playbooks)
        head_revision, head_name = "HEAD", "HEAD"
    else:
        sha = repository("读取版本").require_commit(head)
        head_files = _revision_files(
            HEAD_ROLE, repository(""), sha, f"{head}（{sha[:7]}）", playbooks, None
        )
        head_revision, head_name = sha, head

    note = ""
    if base is None:
        repo = repository("确定默认的基准版本")
        sha, label, note = repo.default_base(head_revision, head_name)
        base_files = _revision_files(BASE_ROLE, repo, sha, label, playbooks, head_files)
    elif Path(base).is_dir():
        base_files = _folder_files(Path(base), playbooks)
    else:
        sha = repository("读取版本").require_commit(base)
        base_files = _revision_files(
            BASE_ROLE, repository(""), sha, f"{base}（{sha[:7]}）", playbooks, head_files
        )

    head_loaded = _load(head_files, base_files, {})
    shared = dict(zip(head_files.raw, head_loaded, strict=True))
    head_side = _side(HEAD_ROLE, head_files, head_loaded)
    base_side = _side(BASE_ROLE, base_files, _load(base_files, head_files, shared))
    base_side.note = note
    broken = [side for side in (base_side, head_side) if side.problems]
    if broken:
        raise SideErrors(broken)
    return base_side, head_side
