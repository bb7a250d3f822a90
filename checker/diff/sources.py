"""The two sides of a diff: a folder on disk, or a git revision read straight from the object
store (``git ls-tree`` + ``git cat-file``), never touching the worktree, the index or HEAD.

Each side goes through the checker's own loader and schema stage (``engine.assemble``); the
business rules are not needed to compare two versions, but a side with reading or schema errors
cannot be compared and is reported as such.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from checker.findings import Finding, Severity
from checker.model import PlaybookSet
from checker.pipeline.discovery import (
    YAML_SUFFIXES,
    InputError,
    discover,
    display_path,
    read_files,
)
from checker.pipeline.engine import assemble, load_files
from checker.yaml.loader import LoadedFile, load_bytes

BASE_ROLE, HEAD_ROLE = "基准", "对比"
MAIN_BRANCHES = ("main", "origin/main", "master")
# Read-only and offline: no optional index refresh, no lazy fetch of missing objects.
_GIT_ENV = {
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_NO_LAZY_FETCH": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_LITERAL_PATHSPECS": "1",
}


@dataclass
class Side:
    """One side of the comparison, loaded: what it is (for people) and its playbooks."""

    role: str
    label: str
    folder: str
    playbooks: PlaybookSet
    problems: list[Finding] = field(default_factory=list)
    revision: str | None = None
    note: str = ""

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
    problems = [f for f in findings if f.severity is Severity.ERROR]
    return Side(role, label, folder, playbooks, problems, revision)


# ---- git ---------------------------------------------------------------------------------


class Git:
    """The repository around the working directory, used read-only through subprocesses."""

    def __init__(self, toplevel: Path, prefix: str) -> None:
        self.toplevel = toplevel
        self.prefix = prefix

    @classmethod
    def here(cls, purpose: str) -> Git:
        result = _git(Path.cwd(), "rev-parse", "--show-toplevel", "--show-prefix")
        if result.returncode != 0:
            raise InputError(
                f"当前目录不在 git 仓库中，无法{purpose}。请在仓库中运行，"
                "或者比较两个文件夹：playbook diff 旧文件夹 新文件夹。"
            )
        lines = result.stdout.decode("utf-8", "replace").splitlines()
        return cls(Path(lines[0]), lines[1] if len(lines) > 1 else "")

    def run(self, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        return _git(self.toplevel, *args, stdin=stdin)

    def commit(self, revision: str) -> str | None:
        """The full commit id ``revision`` names, or None."""
        if revision.startswith("-"):
            return None
        result = self.run(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
        )
        return result.stdout.decode().strip() if result.returncode == 0 else None

    def require_commit(self, revision: str) -> str:
        sha = self.commit(revision)
        if sha is None:
            shallow = self.is_shallow()
            hint = (
                f"这是一个浅克隆：请先取回基准提交，例如 git fetch --depth 1 origin {revision}。"
                if shallow
                else "请检查拼写，或先 git fetch 取回它；也可以直接给出一个文件夹。"
            )
            raise InputError(f"「{revision}」既不是文件夹，也不是这个仓库中的 git 版本。{hint}")
        return sha

    def is_shallow(self) -> bool:
        result = self.run("rev-parse", "--is-shallow-repository")
        return result.stdout.decode().strip() == "true"

    def default_base(self, head_revision: str, head_name: str) -> tuple[str, str, str]:
        """(commit, label, note): the merge-base of HEAD with the main branch."""
        for branch in MAIN_BRANCHES:
            sha = self.commit(branch)
            if sha is not None:
                break
        else:
            raise InputError(
                "没有给出基准版本，也找不到主分支（依次尝试了 "
                + "、".join(MAIN_BRANCHES)
                + "）。请指定基准版本，例如 playbook diff origin/develop。"
            )
        result = self.run("merge-base", head_revision, sha)
        if result.returncode == 0 and result.stdout.strip():
            base = result.stdout.decode().strip()
            return base, f"{branch} 与 {head_name} 的合并基点（{base[:7]}）", ""
        if self.is_shallow():
            note = (
                f"提示：这是一个浅克隆，找不到 {branch} 与 {head_name} 的合并基点，"
                f"改为与 {branch} 的最新提交（{sha[:7]}）比较；{branch} 上后来的修改也会显示为变更。"
                "要精确比较，请 git fetch --deepen 取回更多历史，或直接指定基准版本。"
            )
            return sha, f"{branch} 的最新提交（{sha[:7]}）", note
        raise InputError(
            f"{branch} 与 {head_name} 没有共同的历史，无法确定基准版本。请直接指定基准版本。"
        )

    def folder(self, playbooks: str) -> str:
        """The repository path of the playbook folder named relative to the working directory."""
        full = (Path.cwd() / playbooks).resolve()
        try:
            relative = full.relative_to(self.toplevel.resolve())
        except ValueError:
            raise InputError(f"手册文件夹「{playbooks}」不在这个 git 仓库中。") from None
        return relative.as_posix() if relative.parts else "."

    def read_folder(self, sha: str, folder: str) -> list[tuple[str, bytes]]:
        """(repository path, bytes) of every YAML file under ``folder`` at commit ``sha``."""
        listing = self.run("ls-tree", "-r", "-z", "--full-tree", "--name-only", sha, "--", folder)
        if listing.returncode != 0:
            raise InputError(f"无法列出版本 {sha[:7]} 中的文件：{_stderr(listing)}")
        names = [
            name
            for name in listing.stdout.decode("utf-8", "surrogateescape").split("\0")
            if name.endswith(YAML_SUFFIXES) and not _hidden(name, folder) and "\n" not in name
        ]
        if not names:
            return []
        request = "".join(f"{sha}:{name}\n" for name in names).encode("utf-8", "surrogateescape")
        batch = self.run("cat-file", "--batch", stdin=request)
        if batch.returncode != 0:
            raise InputError(f"无法读取版本 {sha[:7]} 中的文件：{_stderr(batch)}")
        return list(zip(names, _blobs(batch.stdout, names, sha), strict=True))

    def display(self, repository_path: str) -> str:
        return display_path(self.toplevel / repository_path)


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env={**os.environ, **_GIT_ENV},
            check=False,
        )
    except FileNotFoundError:
        raise InputError("找不到 git 命令：比较 git 版本需要安装 git。") from None


def _stderr(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stderr.decode("utf-8", "replace").strip()


def _hidden(name: str, folder: str) -> bool:
    inside = PurePosixPath(name).relative_to(folder) if folder != "." else PurePosixPath(name)
    return any(part.startswith(".") for part in inside.parts)


def _blobs(output: bytes, names: list[str], sha: str) -> list[bytes]:
    """Split ``git cat-file --batch`` output: a header line, the content, a newline."""
    blobs, position = [], 0
    for name in names:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        if len(header) != 3 or header[1] != b"blob":
            raise InputError(f"无法读取版本 {sha[:7]} 中的「{name}」。")
        size = int(header[2])
        blobs.append(output[end + 1 : end + 1 + size])
        position = end + 1 + size + 1
    return blobs


# ---- the two sides -----------------------------------------------------------------------


def _folder_side(role: str, path: Path, playbooks: str, label: str | None = None) -> Side:
    folder = path / playbooks if (path / playbooks).is_dir() else path
    discovered = discover([folder])
    if not discovered.files and not discovered.refused:
        raise InputError(
            f"文件夹「{display_path(folder)}」中没有 .yaml 或 .yml 文件，没有可比较的内容。"
        )
    shown = display_path(folder.resolve())
    loaded = load_files(read_files(discovered.files))
    side = assemble_side(role, label or f"文件夹 {shown}", shown, loaded)
    side.problems[:0] = discovered.refused  # links out of the folder etc.: never read
    return side


def _revision_side(role: str, git: Git, sha: str, label: str, playbooks: str) -> Side:
    folder = git.folder(playbooks)
    contents = git.read_folder(sha, folder)
    if not contents:
        raise InputError(
            f"{role}版本 {label} 中没有「{folder}」文件夹，或其中没有 .yaml 文件。"
            "用 --playbooks 指定手册文件夹。"
        )
    loaded = [load_bytes(git.display(name), raw) for name, raw in contents]
    return assemble_side(role, label, git.display(folder), loaded, sha)


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
        head_side = _folder_side(HEAD_ROLE, Path(playbooks), ".", f"工作区 {playbooks}")
        head_revision, head_name = "HEAD", "HEAD"
    elif Path(head).is_dir():
        head_side = _folder_side(HEAD_ROLE, Path(head), playbooks)
        head_revision, head_name = "HEAD", "HEAD"
    else:
        sha = repository("读取版本").require_commit(head)
        head_side = _revision_side(
            HEAD_ROLE, repository(""), sha, f"{head}（{sha[:7]}）", playbooks
        )
        head_revision, head_name = sha, head

    if base is None:
        repo = repository("确定默认的基准版本")
        sha, label, note = repo.default_base(head_revision, head_name)
        base_side = _revision_side(BASE_ROLE, repo, sha, label, playbooks)
        base_side.note = note
    elif Path(base).is_dir():
        base_side = _folder_side(BASE_ROLE, Path(base), playbooks)
    else:
        repo = repository("读取版本")
        sha = repo.require_commit(base)
        base_side = _revision_side(BASE_ROLE, repo, sha, f"{base}（{sha[:7]}）", playbooks)

    broken = [side for side in (base_side, head_side) if side.problems]
    if broken:
        raise SideErrors(broken)
    return base_side, head_side
