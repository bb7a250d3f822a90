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
import stat
import time
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
FORMAT = 4
MAX_BYTES = 256 * 1024 * 1024  # a store larger than this is not ours
KEEP_STORES = 32  # store files kept in the cache directory (the least recently written go)
_HEX = frozenset("0123456789abcdef")
_SEVERITIES = {s.value: s for s in Severity}


# Installed packages whose data decide findings: the State Council's schedules (PB803), the
# statutory holidays after them, zone data, YAML reading and the fast schema validator. An
# upgrade (as PB802's hint asks for) must not leave results judged on the old data.
_DEPENDENCIES = ("chinese_calendar", "holidays", "tzdata", "yaml", "jsonschema_rs")


def _dependency_files() -> list[Path]:
    import importlib.util

    found: list[Path] = []
    for name in _DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            continue
        folder = Path(spec.origin).parent
        found += sorted(p for p in folder.iterdir() if p.suffix in (".py", ".so", ".pyd"))
    return found


@cache
def code_fingerprint() -> str:
    """Hash of the checker's sources and schemas, and of the installed packages whose data
    decide findings: a new checker, or new data, never reuses old results."""
    digest = hashlib.sha256(fingerprint_of(_PACKAGE).encode())
    for path in _dependency_files():
        digest.update(f"\0{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _package_files(package: Path) -> list[Path]:
    """The package's sources, schemas and bundled YAML (``schemas`` may be a link to the
    repository's folder: it is followed)."""
    found = []
    for folder, subfolders, names in os.walk(package, followlinks=True):
        subfolders[:] = [d for d in subfolders if d != "__pycache__" and not d.startswith(".")]
        found += [Path(folder, n) for n in names if n.endswith((".py", ".json", ".yaml"))]
    return sorted(found)


def fingerprint_of(package: Path) -> str:
    """Hash of a checker package's sources, schemas and bundled YAML."""
    digest = hashlib.sha256()
    for path in _package_files(package):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def code_signature() -> str | None:
    """A cheap stand-in for ``code_fingerprint`` (see ``signature_of``): the checker's files
    and the dependencies' files (``_dependency_files``) at rest."""
    now_ns = time.time_ns()
    own = signature_of(_PACKAGE, now_ns)
    if own is None:
        return None
    digest = hashlib.sha256(own.encode())
    return digest.hexdigest() if _add_stats(digest, _dependency_files(), now_ns) else None


def signature_of(package: Path, now_ns: int) -> str | None:
    """The package files' names, sizes, times and inodes. A store written with the same
    signature was written by byte-identical files (any write moves a file's change time), so
    its fingerprint need not be computed again. None while a file changed in the 2 seconds
    before ``now_ns`` (its times prove nothing yet)."""
    digest = hashlib.sha256()
    return digest.hexdigest() if _add_stats(digest, _package_files(package), now_ns) else None


def _add_stats(digest: Any, paths: Iterable[Path], now_ns: int) -> bool:
    """Add each file's name, size, times and inode to ``digest``; False as soon as one changed
    in the 2 seconds before ``now_ns`` (its times prove nothing yet)."""
    for path in paths:
        info = path.stat()
        if max(info.st_mtime_ns, info.st_ctime_ns) > now_ns - 2_000_000_000:
            return False
        line = f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}\n"
        digest.update(line.encode("utf-8", "surrogateescape"))
    return True


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
    """The kept results of one playbook folder (see the module).

    An entry is ``[digest, stat, kind, findings, suppressions, facts, checked]``; texts that
    recur in every entry (the shared files' key, duration texts) are stored once in ``texts``
    and named by their index. Entries of files that did not change are written back as read.
    """

    def __init__(self, file: Path, stored: dict[str, Any]) -> None:
        self.file = file
        files, texts = stored.get("files"), stored.get("texts")
        self._entries: dict[str, Any] = {}
        self._texts: list[Any] = []
        if isinstance(files, dict) and isinstance(texts, list):
            self._entries, self._texts = files, texts
        self._stored = _Stored(self._texts)
        self._comparisons: Any = stored.get("comparisons")
        # read under the same signature, the stored fingerprint is this checker's (see
        # ``_read_store``): writing it back spares hashing every source again
        same = stored.get("signature") is not None and stored.get("signature") == code_signature()
        checker = stored.get("checker")
        self._fingerprint = checker if same and isinstance(checker, str) else None
        self._decoded: dict[str, tuple[FileResult, Any]] = {}  # path -> (result, its entry)
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
        if not isinstance(entry, list) or not entry or entry[0] != content_digest:
            return None
        return self._decode(path, entry, disk_path)

    def get_unread(self, path: str, seen: FileStat, disk_path: Path | None) -> FileResult | None:
        entry = self._entries.get(path)
        if not isinstance(entry, list) or len(entry) < 2 or entry[1] != list(seen):
            return None
        return self._decode(path, entry, disk_path)

    def _decode(self, path: str, entry: list[Any], disk_path: Path | None) -> FileResult | None:
        try:
            result = _decode(path, entry, disk_path, self._stored)
        except (KeyError, IndexError, TypeError, ValueError, DurationError):
            self._entries.pop(path, None)
            self._dirty = True
            return None
        self._decoded[path] = (result, entry)
        return result

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
        texts = _Texts(self._texts)
        entries: dict[str, Any] = {}
        for result in results:
            seen = stats.get(result.path)
            kept = self._decoded.get(result.path)
            if kept is not None and kept[0] is result and kept[1][1] == _stat(seen):
                entries[result.path] = kept[1]  # unchanged: written back as it was read
            else:
                entries[result.path] = _encode(result, seen, texts)
        comparisons = {"calendar": answers[0], "answers": _encode_answers(answers[1])}
        unchanged = (
            entries.keys() == self._entries.keys()
            and all(entries[p] is self._entries[p] for p in entries)
            and comparisons == self._comparisons
        )
        if unchanged and not self._dirty:
            return
        if len(texts.table) > 2 * len(_used(entries)) + 64:  # many texts of old files: start over
            texts = _Texts([])
            entries = {r.path: _encode(r, stats.get(r.path), texts) for r in results}
        self._entries, self._texts, self._comparisons = entries, texts.table, comparisons
        self._stored = _Stored(self._texts)
        self._decoded, self._dirty = {}, False
        payload = {
            "format": FORMAT,
            "checker": self._fingerprint or code_fingerprint(),
            "signature": code_signature(),
            "texts": texts.table,
            "files": entries,
            "comparisons": comparisons,
        }
        _write_atomically(self.file, json.dumps(payload, separators=(",", ":")))
        _forget_old_stores(self.file.parent)


class _Texts:
    """A table of texts named by index, grown from the one read."""

    def __init__(self, table: list[Any]) -> None:
        self.table = list(table)
        self._index = {text: i for i, text in enumerate(self.table) if isinstance(text, str)}

    def __call__(self, text: str) -> int:
        index = self._index.get(text)
        if index is None:
            index = self._index[text] = len(self.table)
            self.table.append(text)
        return index


def _used(entries: dict[str, Any]) -> set[int]:
    """The text indices the entries name (facts' durations and the checked context)."""
    used: set[int] = set()
    for entry in entries.values():
        if entry[5] is not None:
            used.update(entry[5][2])
        if entry[6] is not None:
            used.add(entry[6][0])
    return used


def _stat(seen: FileStat | None) -> list[int] | None:
    return list(seen) if seen is not None else None


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
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    signature = code_signature()
    same_files = signature is not None and data.get("signature") == signature
    if not same_files and data.get("checker") != code_fingerprint():
        return {}
    return data


def _write_atomically(file: Path, text: str) -> None:
    """Write a new private file next to the store and rename it over the store: a link, FIFO
    or anything else at the store's name is replaced, never written through."""
    tmp = file.with_name(f".{file.stem}.{os.getpid()}.{os.urandom(8).hex()}.tmp")
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


def _encode(result: FileResult, seen: FileStat | None, texts: _Texts) -> list[Any]:
    facts = checked = None
    if result.facts is not None:
        f = result.facts
        facts = [f.id, list(f.related), [texts(d.text) for d in f.durations], list(f.words)]
    if result.checked is not None:
        c = result.checked
        checked = [texts(c.context), c.date, [_encode_finding(x) for x in c.findings]]
    return [
        result.digest,
        _stat(seen),
        result.kind,
        [_encode_finding(f) for f in result.findings],
        [
            [s.line, s.column, s.applies_to_line, sorted(s.rule_ids), s.reason]
            for s in result.suppressions
        ],
        facts,
        checked,
    ]


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


class _Stored:
    """A store's shared texts, read by index; a category's durations are read (and validated)
    once per list, which most categories share."""

    def __init__(self, texts: list[Any]) -> None:
        self.texts = texts
        self._lists: dict[tuple[Any, ...], tuple[Duration, ...]] = {}

    def text(self, index: Any) -> str:
        return _text(self.texts[_number(index)])

    def durations(self, indices: Any) -> tuple[Duration, ...]:
        if not isinstance(indices, list):
            raise TypeError("expected a list of text indices")
        key = tuple(indices)
        found = self._lists.get(key)
        if found is None:
            found = self._lists[key] = tuple(_duration(self.text(i)) for i in key)
        return found


def _decode(path: str, entry: list[Any], disk_path: Path | None, stored: _Stored) -> FileResult:
    digest, _, kind, findings, suppressions, facts_entry, checked_entry = entry
    if kind is not None:
        _text(kind)
    if not isinstance(suppressions, list):
        raise TypeError("expected a list of suppressions")
    facts = None
    if facts_entry is not None:
        category_id, related, durations, words = facts_entry
        facts = CategoryFacts(
            _text(category_id),
            FileOnDisk(path, disk_path),
            _texts(related),
            stored.durations(durations),
            _texts(words),
        )
    if (kind == "category") != (facts is not None):
        raise ValueError("a valid category has facts, nothing else has")
    checked = None
    if checked_entry is not None:
        context, date, found = checked_entry
        checked = Checked(stored.text(context), _text(date), _findings(path, found))
    return FileResult(
        path,
        _text(digest),
        kind,
        _findings(path, findings),
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
