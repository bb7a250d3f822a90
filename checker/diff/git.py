"""The repository around the working directory, used read-only through ``git`` subprocesses:
revisions, the merge-base, a folder's files at a commit (``ls-tree`` + ``cat-file``) and a
file's history. The worktree, the index and HEAD are never touched; nothing goes over the
network."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath

from checker.pipeline.discovery import YAML_SUFFIXES, InputError, display_path

MAIN_BRANCHES = ("main", "origin/main", "master")
# Read-only and offline: no optional index refresh, no lazy fetch of missing objects.
_GIT_ENV = {
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_NO_LAZY_FETCH": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_LITERAL_PATHSPECS": "1",
}
HISTORY_DEPTH = 50  # commits looked at for the release a version came from


class Git:
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
            hint = (
                f"这是一个浅克隆：请先取回基准提交，例如 git fetch --depth 1 origin {revision}。"
                if self.is_shallow()
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

    def blobs(self, sha: str, folder: str) -> dict[str, str]:
        """Repository path -> blob id of every YAML file under ``folder`` at commit ``sha``."""
        listing = self.run("ls-tree", "-r", "-z", "--full-tree", sha, "--", folder)
        if listing.returncode != 0:
            raise InputError(f"无法列出版本 {sha[:7]} 中的文件：{_stderr(listing)}")
        found = {}
        for entry in listing.stdout.decode("utf-8", "surrogateescape").split("\0"):
            meta, _, name = entry.partition("\t")
            parts = meta.split()
            blob = len(parts) == 3 and parts[1] == "blob" and name.endswith(YAML_SUFFIXES)
            if blob and not _hidden(name, folder) and "\n" not in name:
                found[name] = parts[2]
        return found

    def read(self, objects: list[str], what: str) -> list[bytes]:
        """The contents of blobs (``sha`` or ``commit:path``), in one ``cat-file --batch``."""
        if not objects:
            return []
        request = "".join(f"{o}\n" for o in objects).encode("utf-8", "surrogateescape")
        batch = self.run("cat-file", "--batch", stdin=request)
        if batch.returncode != 0:
            raise InputError(f"无法读取{what}中的文件：{_stderr(batch)}")
        contents, position = [], 0
        for name in objects:
            end = batch.stdout.index(b"\n", position)
            header = batch.stdout[position:end].split()
            if len(header) != 3 or header[1] != b"blob":
                raise InputError(f"无法读取{what}中的「{name}」。")
            size = int(header[2])
            contents.append(batch.stdout[end + 1 : end + 1 + size])
            position = end + 1 + size + 1
        return contents

    def history(self, sha: str, path: str) -> list[tuple[str, bytes]]:
        """(commit, content) of ``path`` at the commits that changed it, newest first, up to
        ``HISTORY_DEPTH`` of them; only commits where the file exists."""
        listing = self.run(
            "log",
            "--format=%H",
            "--diff-filter=AMR",
            f"--max-count={HISTORY_DEPTH}",
            sha,
            "--",
            path,
        )
        commits = listing.stdout.decode().split() if listing.returncode == 0 else []
        return list(
            zip(commits, self.read([f"{c}:{path}" for c in commits], "历史版本"), strict=True)
        )

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
