"""Which files a run reads: the YAML files asked for, plus their playbook folder as context.

Nothing outside a playbook folder is ever read: a path that resolves outside its folder (a
symbolic link to ``/proc/self/environ``, to ``~/.ssh`` or to a category kept elsewhere), a link
to nothing, a FIFO or a device is refused with a finding (PB012) at the link's own name, and its
target is neither opened nor quoted. A file named like a playbook but in the wrong case
(``x.YAML``) would be skipped by every tool: it is reported (PB013) instead of ignored. Files
are opened without following links and without blocking, and must be regular files once open.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker.findings import Example, Finding, Severity, Stage, define
from checker.markup.terminal import abbreviated, printable
from checker.yaml.source import SourceFile

YAML_SUFFIXES = (".yaml", ".yml")
POLICY_FILE = "policy.yaml"

OUTSIDE_FOLDER = define(
    "PB012",
    "inside-playbook-folder",
    Severity.ERROR,
    "手册文件夹里的 YAML 文件必须是文件夹内的普通文件：不能是指向文件夹外的符号链接、指向不存在目标的链接、"
    "管道（FIFO）或设备。",
    "检查器、变更对比和手册网站都只读手册文件夹里的内容。一个指向文件夹外的链接（例如指向 "
    "/proc/self/environ 或服务器上的其他文件）能让任何人通过一次拉取请求把 CI 机器上的内容读进检查报告和"
    "手册网站；所以这样的路径一律拒绝，既不打开、也不引用目标的内容。把文件本身放进手册文件夹即可。",
    good=(Example("title: 产品质量问题\n"),),
    bad=(
        Example(
            "title: 产品质量问题\n",
            file="categories/quality-copy.yaml",
            note="示例测试把 categories/quality-copy.yaml 做成符号链接，指向手册文件夹之外的一份副本。",
        ),
    ),
    stage=Stage.LOAD,
)
YAML_EXTENSION = define(
    "PB013",
    "yaml-file-extension",
    Severity.ERROR,
    "手册文件的扩展名必须是小写的 .yaml 或 .yml。",
    "检查器、变更对比和手册网站只读扩展名为小写 .yaml 或 .yml 的文件；写成 .YAML、.Yml 的文件会被所有工具"
    "跳过，它的内容既不检查、也不出现在手册里，却会让人以为它已经生效。",
    good=(Example("title: 产品质量问题\n"),),
    bad=(
        Example(
            "title: 产品质量问题\n",
            file="categories/product-quality-2.YAML",
            note="扩展名写成了大写的 .YAML。",
        ),
    ),
    stage=Stage.LOAD,
)


class InputError(Exception):
    """Input the user must correct (a path that does not exist, a file that cannot be read);
    the message is Chinese. Commands turn it into a usage error."""


@dataclass
class Discovered:
    """The files to read (resolved, inside their folder) and the entries refused, each with
    its finding; ``refused_paths`` are their display paths, counted as checked files."""

    files: list[Path] = field(default_factory=list)
    refused: list[Finding] = field(default_factory=list)

    @property
    def refused_paths(self) -> list[str]:
        return list(dict.fromkeys(f.path for f in self.refused))


def display_path(path: Path) -> str:
    """Repository-style path: relative to the working directory when possible, POSIX slashes."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()


def _input_error(raw: str | Path, error: OSError) -> InputError:
    if error.errno == errno.ENAMETOOLONG:
        shown = printable(abbreviated(str(raw)))
        return InputError(f"路径「{shown}」太长，操作系统无法打开；请检查这个参数。")
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return InputError(f"找不到路径「{raw}」：既不是文件也不是文件夹。")
    return InputError(f"无法读取「{raw}」：{error.strerror}。")


def discover(paths: Sequence[str | Path]) -> Discovered:
    """YAML files under the given files and folders, sorted, without duplicates; entries that
    must not be read are refused with a finding."""
    found: dict[Path, None] = {}
    result = Discovered()
    for raw in paths:
        path = Path(raw)
        try:
            info = path.lstat()
            if stat.S_ISDIR(info.st_mode) or (
                stat.S_ISLNK(info.st_mode) and path.is_dir() and not _is_yaml_name(path.name)
            ):
                root = path.resolve()
                for entry in _walk(path, root, root, result):
                    found[entry] = None
            else:
                root = _root_of(path)
                admitted = _admit(path, root, result, explicit=True)
                if admitted is not None:
                    found[admitted] = None
        except OSError as error:
            raise _input_error(raw, error) from None
    result.files = list(found)
    return result


def _is_yaml_name(name: str) -> bool:
    return name.endswith(YAML_SUFFIXES)


def _root_of(path: Path) -> Path:
    """The folder a file argument may not leave: its playbook folder, else its own folder."""
    absolute = Path(os.path.abspath(path))
    return (playbook_root(absolute) or absolute.parent).resolve()


def _walk(folder: Path, resolved: Path, root: Path, result: Discovered) -> Iterable[Path]:
    """Every admitted YAML file below ``folder`` (whose real path is ``resolved``), in name
    order; hidden entries are skipped and linked folders are not followed."""
    entries = sorted(os.scandir(folder), key=lambda e: e.name)
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), resolved / name, root, result)
            continue
        if entry.is_file(follow_symlinks=False) and _is_yaml_name(name):
            # a regular file, not a link, in a folder reached without links: its real path
            # is known without asking the file system again (the common case, kept fast)
            yield resolved / name
            continue
        admitted = _admit(Path(entry.path), root, result, explicit=False)
        if admitted is not None:
            yield admitted


def _admit(path: Path, root: Path, result: Discovered, explicit: bool) -> Path | None:
    """The resolved path to read, or None (refused with a finding, or not a playbook name)."""
    name = path.name
    if not explicit and not _is_yaml_name(name):
        if name.lower().endswith(YAML_SUFFIXES):
            result.refused.append(
                YAML_EXTENSION.at(
                    SourceFile(display_path(path), ""),
                    1,
                    1,
                    f"文件「{name}」的扩展名不是小写的 .yaml 或 .yml，检查器、变更对比和手册网站都会跳过它。",
                    f"把文件改名为「{name[: name.rfind('.')]}{name[name.rfind('.') :].lower()}」。",
                )
            )
        return None
    info = path.lstat()
    shown = display_path(path)
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # nothing there, or a loop of links
            result.refused.append(
                _refusal(shown, f"「{name}」是一个符号链接，但它指向的文件不存在。")
            )
            return None
        if not target.is_relative_to(root):
            result.refused.append(
                _refusal(
                    shown,
                    f"「{name}」是指向手册文件夹之外的符号链接；为了安全，检查器不读取它指向的内容。",
                )
            )
            return None
        info = target.stat()
        path = target
    if not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            return None  # a linked folder inside the playbook folder is not followed
        result.refused.append(
            _refusal(shown, f"「{name}」不是普通文件（{_kind(info.st_mode)}），检查器不读取它。")
        )
        return None
    return path.resolve()


def _refusal(shown: str, message: str) -> Finding:
    return OUTSIDE_FOLDER.at(
        SourceFile(shown, ""),
        1,
        1,
        message,
        "把文件本身（而不是链接）放进手册文件夹；不属于手册的内容请移出这个文件夹。",
    )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "管道 FIFO"
    if stat.S_ISSOCK(mode):
        return "套接字"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备"
    return "特殊文件"


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


def context_files(
    requested: list[Path], walked: Sequence[str | Path] = (), roots: list[Path] | None = None
) -> list[Path]:
    """Files that give the requested ones their context: the whole playbook folder (the nearest
    ancestor with policy.yaml), so one category can be checked against the policy. Folders in
    ``walked`` were discovered whole already and are not walked again. ``roots``: the
    requested files' ``playbook_roots``, if known already."""
    done = {Path(p).resolve() for p in walked if Path(p).is_dir()}
    if roots is None:
        roots = playbook_roots(requested)
    roots = [root for root in roots if root.resolve() not in done]
    asked = set(requested)
    return [p for p in discover(roots).files if p not in asked] if roots else []


def read_bytes(path: Path) -> bytes:
    """A discovered file's bytes: opened without following a link and without blocking, and
    read only if it is a regular file once open (it may have been swapped since discovery)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise InputError(f"无法读取「{display_path(path)}」：{error.strerror}。") from error
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise InputError(f"「{display_path(path)}」不是普通文件，检查器不读取它。")
        return handle.read()


def read_files(paths: Iterable[Path]) -> list[tuple[Path, bytes]]:
    return [(path, read_bytes(path)) for path in paths]
