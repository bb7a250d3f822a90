"""Per-file check results kept between runs, where a pull request cannot plant them.

One store file per working directory and playbook folder, under ``$PLAYBOOK_CACHE_DIR``, else
``$XDG_CACHE_HOME/playbook``, else ``~/.cache/playbook`` -- never inside the repository, so
nothing committed can pose as results. A file's entry holds its content hash, its reading and
schema findings, its suppression comments, its kind, the facts the across-files checks read,
and the file checks' findings with the shared files they hold for (``Workspace``). The whole
store is tied to the checker's code and schemas: any change to the checker starts afresh.

Safety: nothing is used under ``CI=true``; the directory must be the user's own real
directory; the store is opened without following links or blocking (a FIFO or a link is
ignored) and written to a new file that atomically replaces it; every entry is validated and
one of the wrong shape is simply not used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import secrets
import stat
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from checker.deadlines.limit_comparison import Answers, Counterexample
from checker.findings import Finding, Severity
from checker.model.duration import Duration, DurationError, parse_duration
from checker.pipeline.located import FileOnDisk
from checker.pipeline.results import Checked, FileResult, FileStat
from checker.pipeline.suppressions import Suppression
from checker.rules.context import CategoryFacts

_PACKAGE = Path(__file__).resolve().parent.parent  # the whole checker package
FORMAT = 2
MAX_BYTES = 256 * 1024 * 1024  # a store larger than this is not ours
KEEP_STORES = 32  # store files kept in the cache directory (the least recently written go)
_HEX = frozenset("0123456789abcdef")
_SEVERITIES = {s.value: s for s in Severity}


@cache
def code_fingerprint() -> str:
    """Hash of the checker's sources and schemas: a new checker never reuses old results."""
    return fingerprint_of(_PACKAGE)


def fingerprint_of(package: Path) -> str:
    """Hash of a checker package's sources, schemas and bundled YAML."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")) + sorted((package / "schemas").glob("*.json")):
        if path.suffix in (".py", ".json", ".yaml") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_root() -> Path:
    """``$PLAYBOOK_CACHE_DIR``, else ``$XDG_CACHE_HOME/playbook``, else ``~/.cache/playbook``."""
    explicit = os.environ.get("PLAYBOOK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "playbook"


def disabled() -> bool:
    """No cache in CI: every CI run checks from scratch."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _own_directory(path: Path) -> bool:
    """Create the directory (private) if needed; use it only if it is a real directory of
    this user that others cannot write to."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(path)
    except (OSError, ValueError):
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o002:
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


class ResultStore:
    """The kept results of one playbook folder (see the module)."""

    def __init__(self, file: Path, stored: dict[str, Any]) -> None:
        self.file = file
        files, comparisons = stored.get("files"), stored.get("comparisons")
        self._entries: dict[str, Any] = files if isinstance(files, dict) else {}
        self._comparisons: Any = comparisons
        self._dirty = False

    @classmethod
    def open(cls, scope: Iterable[str]) -> ResultStore | None:
        """The store for this working directory and these playbook folders, or None when no
        cache may be used (CI, or a cache directory that is not safely ours)."""
        if disabled():
            return None
        root = cache_root()
        if not _own_directory(root):
            return None
        key = "\0".join([os.getcwd(), *sorted(scope)])
        name = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        file = root / f"{name}.json"
        return cls(file, _read_store(file))

    def get(self, path: str, content_digest: str, disk_path: Path | None) -> FileResult | None:
        entry = self._entries.get(path)
        if not isinstance(entry, dict) or entry.get("digest") != content_digest:
            return None
        return self._decoded(path, entry, disk_path)

    def get_unread(self, path: str, seen: FileStat, disk_path: Path | None) -> FileResult | None:
        entry = self._entries.get(path)
        if not isinstance(entry, dict) or entry.get("stat") != list(seen):
            return None
        return self._decoded(path, entry, disk_path)

    def _decoded(
        self, path: str, entry: dict[str, Any], disk_path: Path | None
    ) -> FileResult | None:
        try:
            return _decode(path, entry, disk_path)
        except (KeyError, TypeError, ValueError, DurationError):
            self._entries.pop(path, None)
            self._dirty = True
            return None

    def answers(self, calendar: str) -> Answers:
        """The limit comparisons kept for the calendar with this key (none if another)."""
        kept = self._comparisons
        if not isinstance(kept, dict) or kept.get("calendar") != calendar:
            return {}
        try:
            return _decode_answers(kept["answers"])
        except (KeyError, TypeError, ValueError):
            self._comparisons = {}
            return {}

    def save(
        self,
        results: Iterable[FileResult],
        answers: tuple[str, Answers] = ("", {}),
        stats: Mapping[str, FileStat] | None = None,
    ) -> None:
        """Keep these results (and only these files'), the limit comparisons answered on the
        calendar and the files' stable size, times and inode; failures to write are ignored."""
        stats = stats or {}
        entries = {r.path: _encode(r, stats.get(r.path)) for r in results}
        comparisons = {"calendar": answers[0], "answers": _encode_answers(answers[1])}
        if entries == self._entries and comparisons == self._comparisons and not self._dirty:
            return
        self._entries, self._comparisons = entries, comparisons
        payload = {
            "format": FORMAT,
            "checker": code_fingerprint(),
            "files": entries,
            "comparisons": comparisons,
        }
        _write_atomically(self.file, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
        _forget_old_stores(self.file.parent)


def _read_store(file: Path) -> dict[str, Any]:
    """A store written by this checker; anything else reads as empty."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(file, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return {}
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return {}
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = json.loads(handle.read(MAX_BYTES + 1))
    except (OSError, ValueError, RecursionError):
        return {}
    finally:
        os.close(fd)
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or data.get("checker") != code_fingerprint()
    ):
        return {}
    return data


def _write_atomically(file: Path, text: str) -> None:
    """Write a new private file next to the store and rename it over the store: a link, FIFO
    or anything else at the store's name is replaced, never written through."""
    tmp = file.with_name(f".{file.stem}.{os.getpid()}.{secrets.token_hex(8)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(tmp, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, file)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _forget_old_stores(directory: Path) -> None:
    """Keep the most recently written store files only (one per folder ever checked)."""
    try:
        stores = [
            (entry.stat(follow_symlinks=False).st_mtime, entry.path)
            for entry in os.scandir(directory)
            if entry.name.endswith(".json") and set(entry.name[:-5]) <= _HEX
        ]
    except OSError:
        return
    for _, path in sorted(stores, reverse=True)[KEEP_STORES:]:
        with contextlib.suppress(OSError):
            os.unlink(path)


# ---- entries <-> results ----------------------------------------------------------------------


def _encode_finding(f: Finding) -> list[Any]:
    return [f.rule_id, f.rule_name, f.severity.value, f.line, f.column, f.message, f.hint]


def _encode(result: FileResult, seen: FileStat | None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "digest": result.digest,
        "stat": list(seen) if seen is not None else None,
        "kind": result.kind,
        "findings": [_encode_finding(f) for f in result.findings],
        "suppressions": [
            [s.line, s.column, s.applies_to_line, sorted(s.rule_ids), s.reason]
            for s in result.suppressions
        ],
    }
    if result.facts is not None:
        facts = result.facts
        entry["facts"] = [facts.id, list(facts.related), [d.text for d in facts.durations]]
    if result.checked is not None:
        checked = result.checked
        entry["checked"] = [
            checked.context,
            checked.date,
            [_encode_finding(f) for f in checked.findings],
        ]
    return entry


@cache
def _duration(text: str) -> Duration:
    """A kept duration read again (the same few texts recur in every category)."""
    return parse_duration(text)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _number(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError("expected a line or column number")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return tuple(_text(v) for v in value)


def _decode_finding(path: str, item: Any) -> Finding:
    if not isinstance(item, list) or len(item) != 7:
        raise TypeError("a finding is a list of 7")
    rule_id, name, severity, line, column, message, hint = item
    return Finding(
        _text(rule_id),
        _text(name),
        _SEVERITIES[_text(severity)],
        path,
        _number(line),
        _number(column),
        _text(message),
        _text(hint),
    )


def _findings(path: str, items: Any) -> tuple[Finding, ...]:
    if not isinstance(items, list):
        raise TypeError("expected a list of findings")
    return tuple(_decode_finding(path, item) for item in items)


def _decode_suppression(path: str, item: Any) -> Suppression:
    if not isinstance(item, list) or len(item) != 5:
        raise TypeError("a suppression is a list of 5")
    line, column, applies_to, ids, reason = item
    return Suppression(
        path,
        _number(line),
        _number(column),
        _number(applies_to),
        frozenset(_texts(ids)),
        _text(reason),
    )


def _decode(path: str, entry: dict[str, Any], disk_path: Path | None) -> FileResult:
    kind = entry["kind"]
    if kind is not None:
        _text(kind)
    suppressions = entry["suppressions"]
    if not isinstance(suppressions, list):
        raise TypeError("expected a list of suppressions")
    facts = None
    if "facts" in entry:
        category_id, related, durations = entry["facts"]
        facts = CategoryFacts(
            _text(category_id),
            FileOnDisk(path, disk_path),
            _texts(related),
            tuple(_duration(text) for text in _texts(durations)),
        )
    if (kind == "category") != (facts is not None):
        raise ValueError("a valid category has facts, nothing else has")
    checked = None
    if "checked" in entry:
        context, date, found = entry["checked"]
        checked = Checked(_text(context), _text(date), _findings(path, found))
    return FileResult(
        path,
        _text(entry["digest"]),
        kind,
        _findings(path, entry["findings"]),
        tuple(_decode_suppression(path, s) for s in suppressions),
        facts,
        checked,
    )


def _moment(value: Any) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(_text(value))


def _encode_answers(answers: Answers) -> list[Any]:
    encoded: list[Any] = []
    for (a, b, strict), found in answers.items():
        times = None
        if found is not None:
            times = [t.isoformat() if t else None for t in (found.start, found.a_due, found.b_due)]
        encoded.append([a, b, strict, times])
    return encoded


def _decode_answers(items: Any) -> Answers:
    answers: Answers = {}
    if not isinstance(items, list):
        raise TypeError("expected a list of answers")
    for item in items:
        a, b, strict, times = item
        if not isinstance(strict, bool):
            raise TypeError("strict is true or false")
        found = None
        if times is not None:
            start, a_due, b_due = times
            found = Counterexample(_moment(start), _moment(a_due), _moment(b_due))
        answers[(_text(a), _text(b), strict)] = found
    return answers
