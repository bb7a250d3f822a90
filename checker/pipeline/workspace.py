"""A playbook folder's check, kept up to date one file at a time.

Per file (``filecheck``): reading, schema and model; then the rules' file checks, run on a few
categories at a time with the shared files (policy, customer types, calendar) as context. A
file's results are kept by its content hash and, for the file checks, by the shared files they
were checked against, so an unchanged file is not read, validated or checked again. Across
files: PB207 (one file per kind) and the rules' across-files checks run on every call, over the
small facts each category leaves behind; then suppressions. ``playbook check`` fills a workspace
from disk (and the cache) and asks once; the language server keeps one warm and feeds it the
editor's text.

Without ``keep_model`` nothing of a category outlives its file checks but its results and facts:
memory stays bounded however many files there are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from checker.deadlines import clock
from checker.deadlines.limit_comparison import Answers, LimitComparison
from checker.findings import Finding
from checker.model import (
    Calendar,
    Category,
    CustomerTypes,
    Duration,
    Exceptions,
    PlaybookSet,
    Policy,
)
from checker.model.builder import SINGLE_KINDS, second_of_kind
from checker.pipeline.discovery import InputError, read_bytes
from checker.pipeline.filecheck import Model, digest, read_file
from checker.pipeline.located import FileOnDisk
from checker.pipeline.results import Checked, FileResult, FileStat
from checker.pipeline.suppressions import resolve
from checker.rules.context import RuleContext, SetIndex
from checker.rules.registry import model_rules
from checker.yaml.source import SourceFile

CHUNK = 64  # categories per run of the file checks: amortises the rules' set-up, bounds memory


class Store(Protocol):
    """Where results are kept between runs (``checker.pipeline.cache.ResultStore``)."""

    def get(self, path: str, content_digest: str, disk_path: Path | None) -> FileResult | None:
        """The file's results if kept for these contents (facts located on disk)."""

    def answers(self, calendar: str) -> Answers:
        """Limit comparisons answered on the calendar with this key in earlier runs."""

    def get_unread(self, path: str, stat: FileStat, disk_path: Path | None) -> FileResult | None:
        """The file's results if kept for a file with exactly this size, times and inode."""


@dataclass
class _File:
    result: FileResult
    disk_path: Path | None
    source: SourceFile | None = None  # kept for shared files, and for all with keep_model
    model: Model | None = None
    stat: FileStat | None = None


class Workspace:
    """Every file of one playbook folder and its results; ``findings()`` brings them up to
    date and returns the whole set's findings. ``order`` ranks the files (the first of two
    policy files is the one used, PB207); files not in it rank after, in the order put."""

    def __init__(
        self,
        today: dt.date | None = None,
        *,
        order: Sequence[str] = (),
        store: Store | None = None,
        keep_model: bool = False,
    ) -> None:
        self._today = today
        self.store = store
        self.keep_model = keep_model
        self._files: dict[str, _File] = {}
        self._rank = {path: i for i, path in enumerate(order)}
        self._pending: list[tuple[_File, Category]] = []
        self._base: RuleContext | None = None
        self._base_key = ""
        self._key: str | None = None  # the context key, until a shared file changes
        self._comparison: tuple[str, LimitComparison] | None = None  # by calendar key
        # the shared files and date for which every category's file checks were last seen
        # to hold: until either changes, only new files can need checking
        self._checked_for: tuple[str, dt.date] | None = None
        self._duration_lists: dict[tuple[str, ...], tuple[Duration, ...]] = {}
        self._order: list[str] | None = None  # the files by rank, until one comes or goes
        self._shared_paths: set[str] = set()  # the files of a kind in SINGLE_KINDS
        self._asked_today: tuple[object, str | None, float, dt.date] | None = None
        self._chosen_files: dict[str, _File] | None = (
            None  # until a shared file or the order changes
        )

    @property
    def today(self) -> dt.date:
        """The date the rules judge by: the one given, else today in the time zone of the
        calendar in use (or PLAYBOOK_TODAY), asked afresh each time."""
        if self._today is not None:
            return self._today
        calendar = self._chosen().get("calendar")
        model = calendar.model if calendar is not None else None
        # asked once per file of a run: the answer is kept for a second for the same calendar
        now, given = time.monotonic(), os.environ.get(clock.TODAY_VARIABLE)
        kept = self._asked_today
        if kept is None or kept[0] is not model or kept[1] != given or now - kept[2] > 1.0:
            today = clock.today(model if isinstance(model, Calendar) else None)
            kept = self._asked_today = (model, given, now, today)
        return kept[3]

    @today.setter
    def today(self, value: dt.date | None) -> None:
        self._today = value

    # ---- files in and out -------------------------------------------------------------------

    def put_unread(self, path: str, disk_path: Path, stat: FileStat) -> bool:
        """Take a file's kept results without reading it, when the store has them for a file of
        exactly this size, times and inode and nothing more is needed of it (no model);
        False: read it and ``put`` it."""
        if self.store is None or path in self._files:
            return False
        cached = self.store.get_unread(path, stat, disk_path)
        if cached is None or self._needs_model(cached):
            return False
        self._rank.setdefault(path, len(self._rank))
        self._keep(path, _File(cached, disk_path, stat=stat))
        self._order = self._chosen_files = None
        return True

    def put(
        self, path: str, raw: bytes, disk_path: Path | None = None, stat: FileStat | None = None
    ) -> bool:
        """Add or replace a file's content; False when it is the content already known.
        ``stat``: the file's (stable) size, times and inode, for ``put_unread`` next time."""
        content = digest(raw)
        current = self._files.get(path)
        if current is not None and current.result.digest == content:
            return False
        self._rank.setdefault(path, len(self._rank))
        if current is None:
            self._order = self._chosen_files = None
        if current is not None and current.result.kind in SINGLE_KINDS:
            self._key = self._chosen_files = None
        cached = self.store.get(path, content, disk_path) if self.store is not None else None
        if cached is not None and not self._needs_model(cached):
            self._keep(path, _File(cached, disk_path, stat=stat))
            if current is None:  # looking at the cached result may have ranked the files
                self._order = self._chosen_files = None
            return True
        work = read_file(path, raw, content, cached.kind if cached else None, disk_path)
        result, model = work.result, work.model
        if cached is not None:  # the same bytes: only the model was missing
            result = replace(cached, facts=result.facts)
        shared = result.kind in SINGLE_KINDS
        keep = self.keep_model or shared
        result = self._settled(result, disk_path)
        entry = _File(
            result, disk_path, work.source if keep else None, model if keep else None, stat
        )
        self._keep(path, entry)
        if current is None:  # looking at the cached result may have ranked the files
            self._order = self._chosen_files = None
        if shared:
            self._key = self._chosen_files = None
        if isinstance(model, Category):
            self._pending.append((entry, model))
            if len(self._pending) >= CHUNK:
                self._flush()
        return True

    def _settled(self, result: FileResult, disk_path: Path | None) -> FileResult:
        """The result as kept: a category's facts locate it on disk unless its model is kept,
        and equal lists of durations are one object (the across-files checks look at each
        distinct list once)."""
        facts = result.facts
        if facts is None:
            return result
        texts = tuple(d.text for d in facts.durations)
        durations = self._duration_lists.setdefault(texts, facts.durations)
        source = facts.source if self.keep_model else FileOnDisk(result.path, disk_path)
        return replace(result, facts=replace(facts, source=source, durations=durations))

    def remove(self, path: str) -> None:
        entry = self._files.pop(path, None)
        self._shared_paths.discard(path)
        self._order = self._chosen_files = None
        if entry is not None and entry.result.kind in SINGLE_KINDS:
            self._key = self._chosen_files = None
        self._pending = [(f, m) for f, m in self._pending if f.result.path != path]

    def reorder(self, order: Sequence[str]) -> None:
        """Rank the files anew (files not named keep their turn after those named)."""
        named = set(order)
        rest = [p for p in self.paths() if p not in named]
        self._rank = {path: i for i, path in enumerate([*order, *rest])}
        self._order = self._chosen_files = None
        self._key = self._chosen_files = None
        self._checked_for = None

    def paths(self) -> list[str]:
        """Every file's name, in rank order."""
        if self._order is None:
            self._order = sorted(self._files, key=self._rank.__getitem__)
        return list(self._order)

    def results(self) -> list[FileResult]:
        """Every file's results (the file checks' ones brought up to date by ``findings``)."""
        return [self._files[p].result for p in self.paths()]

    def stats(self) -> dict[str, FileStat]:
        """The stable size, times and inode of each file that has them."""
        return {p: e.stat for p, e in self._files.items() if e.stat is not None}

    def source(self, path: str) -> SourceFile | None:
        entry = self._files.get(path)
        return entry.source if entry is not None else None

    # ---- the shared files -------------------------------------------------------------------

    def _keep(self, path: str, entry: _File) -> None:
        self._files[path] = entry
        if entry.result.kind in SINGLE_KINDS:
            self._shared_paths.add(path)
        else:
            self._shared_paths.discard(path)

    def _chosen(self) -> dict[str, _File]:
        """The policy, customer types and calendar in use: the first valid file of each kind
        (looked for among the few shared files only: asked once per file added)."""
        if self._chosen_files is None:
            chosen: dict[str, _File] = {}
            for path in sorted(self._shared_paths, key=self._rank.__getitem__):
                entry = self._files[path]
                kind = entry.result.kind
                if kind in SINGLE_KINDS and kind not in chosen:
                    chosen[kind] = entry
            self._chosen_files = chosen
        return self._chosen_files

    def _context_key(self) -> str:
        """Names the shared files the file checks read: a file check's result holds while
        this key (and the date, if it read the date) stays the same."""
        if self._key is None:
            chosen = self._chosen()
            parts = [
                f"{k}\0{chosen[k].result.path}\0{chosen[k].result.digest}" for k in sorted(chosen)
            ]
            self._key = hashlib.blake2b("\n".join(parts).encode(), digest_size=20).hexdigest()
        return self._key

    def shared(self) -> PlaybookSet:
        """The shared files in use (policy, customer types, calendar) as a set, no categories."""
        return self._shared_set()

    def _shared_set(self) -> PlaybookSet:
        chosen = self._chosen()

        def model(kind: str) -> Any:
            return chosen[kind].model if kind in chosen else None

        entries = [chosen[k] for k in SINGLE_KINDS if k in chosen]
        return PlaybookSet(
            policy=model("policy"),
            customer_types=model("customer-types"),
            calendar=model("calendar"),
            exceptions=model("exceptions"),
            headers=tuple(h for e in entries if (h := _header(e.model)) is not None),
            sources=tuple(e.source for e in entries if e.source is not None),
        )

    def _base_context(self) -> RuleContext:
        """The rule context over the shared files (its memoised comparisons are reused by
        every run of the file checks until the shared files or the date change)."""
        key = self._context_key()
        if self._base is None or self._base_key != key or self._base.today != self.today:
            shared = self._shared_set()
            self._base = RuleContext(shared, self.today, comparison=self._comparison_on(shared))
            self._base_key = key
        return self._base

    def _calendar_key(self) -> str:
        calendar = self._chosen().get("calendar")
        return f"{calendar.result.path}\0{calendar.result.digest}" if calendar else ""

    def _comparison_on(self, shared: PlaybookSet) -> LimitComparison:
        """The limit comparison on the calendar in use: kept while the calendar stays the
        same, and seeded with the answers the store kept for it."""
        key = self._calendar_key()
        if self._comparison is None or self._comparison[0] != key:
            known = self.store.answers(key) if self.store is not None else None
            self._comparison = (key, LimitComparison(shared.calendar, known))
        return self._comparison[1]

    def comparison_answers(self) -> tuple[str, Answers]:
        """The calendar's key and every limit comparison answered on it (for the store)."""
        if self._comparison is None:
            return "", {}
        return self._comparison[0], self._comparison[1].answers()

    # ---- the file checks --------------------------------------------------------------------

    def _holds(self, checked: Checked | None) -> bool:
        return checked is not None and checked.holds(self._context_key(), self.today.isoformat())

    def _needs_model(self, cached: FileResult) -> bool:
        if cached.kind in SINGLE_KINDS:
            return True
        return cached.kind == "category" and (self.keep_model or not self._holds(cached.checked))

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        if pending:
            self._run_file_checks(pending)

    def _run_file_checks(self, items: Sequence[tuple[_File, Model]]) -> None:
        """Run every rule's file check on these files (categories, or the shared files) with
        the shared files as context, and keep each file's findings with what they hold for."""
        base = self._base_context()
        shared = base.playbooks
        categories = tuple(m for _, m in items if isinstance(m, Category))
        if categories:
            part = replace(
                shared,
                categories=categories,
                headers=tuple(c.header for c in categories),
                sources=tuple(c.at.source for c in categories),
            )
        else:
            part = shared
        context = base.over(part)
        found: dict[str, list[Finding]] = {entry.result.path: [] for entry, _ in items}
        for model_rule in model_rules():
            for finding in model_rule.run_file_part(context):
                bucket = found.get(finding.path)
                if bucket is not None:
                    bucket.append(finding)
        date = self.today.isoformat() if context.read_today else ""
        for entry, _ in items:
            entry.result = replace(
                entry.result, checked=Checked(self._base_key, date, tuple(found[entry.result.path]))
            )

    def _model_of(self, entry: _File) -> Model | None:
        """The file's model: kept, or read again from disk (its results stay as they are if it
        cannot be read any more)."""
        if entry.model is not None:
            return entry.model
        if entry.disk_path is None:
            return None
        try:
            raw = entry.disk_path.read_bytes()
        except OSError:
            return None
        same = digest(raw) == entry.result.digest
        if not same:
            entry.stat = None
        work = read_file(
            entry.result.path,
            raw,
            digest(raw),
            entry.result.kind if same else None,
            entry.disk_path,
        )
        entry.result = self._settled(work.result, entry.disk_path)
        return work.model

    def _bring_up_to_date(self) -> dict[str, _File]:
        self._flush()
        chosen = self._chosen()
        shared = [
            (e, e.model)
            for e in chosen.values()
            if e.model is not None and not self._holds(e.result.checked)
        ]
        if shared:
            self._run_file_checks(shared)
        checked_for = (self._context_key(), self.today)
        if self._checked_for == checked_for:
            return chosen  # since the last look, only new files came, and those are checked
        key, today = checked_for[0], checked_for[1].isoformat()
        stale = [
            e
            for e in self._files.values()
            if e.result.kind == "category"
            and (e.result.checked is None or not e.result.checked.holds(key, today))
        ]
        for start in range(0, len(stale), CHUNK):
            items = []
            for entry in stale[start : start + CHUNK]:
                model = self._model_of(entry)
                if isinstance(model, Category):
                    items.append((entry, model))
            self._run_file_checks(items)
        self._checked_for = checked_for
        return chosen

    # ---- the whole set ----------------------------------------------------------------------

    def findings(self) -> list[Finding]:
        """Every finding of every file, suppressions applied (PB901/PB902 included)."""
        chosen = self._bring_up_to_date()
        ordered = [self._files[p] for p in self.paths()]
        found: list[Finding] = []
        for entry in ordered:
            result = entry.result
            found.extend(result.findings)
            kind = result.kind
            if kind in SINGLE_KINDS:
                if chosen.get(kind) is entry:
                    found.extend(_checked(result))
                else:  # a second policy, customer types or calendar: PB207, not used
                    located = entry.source or FileOnDisk(result.path, entry.disk_path)
                    found.append(second_of_kind(kind, located, chosen[kind].result.path))
            elif kind == "category":
                found.extend(_checked(result))
        index = SetIndex(
            tuple(e.result.facts for e in ordered if e.result.facts is not None),
            tuple(e.result.path for e in ordered),
            lambda: _texts(ordered),
        )
        base = self._base_context()
        context = base.over(base.playbooks, index)
        for model_rule in model_rules():
            found.extend(model_rule.run_across_files(context))
        return resolve(found, [s for e in ordered for s in e.result.suppressions])

    def playbooks(self) -> PlaybookSet:
        """The whole model (only with ``keep_model``), files in order."""
        chosen = self._chosen()
        ordered = [self._files[p] for p in self.paths()]
        headers = []
        categories = []
        for entry in ordered:
            model = entry.model
            if isinstance(model, Category):
                categories.append(model)
                headers.append(model.header)
            elif chosen.get(entry.result.kind or "") is entry and (h := _header(model)):
                headers.append(h)
        shared = self._shared_set()
        return replace(
            shared,
            categories=tuple(categories),
            headers=tuple(headers),
            sources=tuple(e.source for e in ordered if e.source is not None),
        )


def _header(model: Model | None) -> Any:
    """The file's versioned header (the exceptions register has no version of its own)."""
    if isinstance(model, Exceptions):
        return None
    assert isinstance(model, Policy | Category | CustomerTypes | Calendar)
    return model.header


def _texts(entries: Sequence[_File]) -> Iterator[tuple[str, str]]:
    """Each file's text: kept, else read again (safely; a file that cannot be read any more,
    or is not UTF-8, has no text)."""
    for entry in entries:
        if entry.source is not None:
            yield entry.result.path, entry.source.text
        elif entry.disk_path is not None:
            try:
                yield entry.result.path, read_bytes(entry.disk_path).decode("utf-8")
            except (InputError, UnicodeDecodeError):
                continue


def _checked(result: FileResult) -> Iterator[Finding]:
    if result.checked is not None:
        yield from result.checked.findings
