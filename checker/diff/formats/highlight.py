"""Character-level highlights of a rewording: what was taken out of the old text and what was
put into the new one, with long unchanged stretches shortened to their edges."""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher

Wrap = Callable[[str], str]
CONTEXT = 12  # unchanged characters kept on each side of a change


def worth_marking(old: str, new: str, kind: str = "") -> bool:
    """Texts long enough that a reader would otherwise compare them by eye (not the ids and
    paths of a renamed playbook)."""
    return bool(old and new) and max(len(old), len(new)) >= 12 and kind != "playbook"


def marked(old: str, new: str, escape: Wrap, taken: Wrap, put: Wrap) -> tuple[str, str]:
    """(old, new), each escaped, the parts that differ wrapped by ``taken`` / ``put``."""
    before: list[str] = []
    after: list[str] = []
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            same = _shortened(old[i1:i2], first=n == 0, last=n == len(opcodes) - 1)
            before.append(escape(same))
            after.append(escape(same))
            continue
        if i2 > i1:
            before.append(taken(escape(old[i1:i2])))
        if j2 > j1:
            after.append(put(escape(new[j1:j2])))
    return "".join(before), "".join(after)


def inline_diff(old: str, new: str) -> str:
    """One line in the style of ``git diff --word-diff``: [-taken-]{+put+}."""
    parts = []
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            parts.append(_shortened(old[i1:i2], first=n == 0, last=n == len(opcodes) - 1))
            continue
        if i2 > i1:
            parts.append(f"[-{old[i1:i2]}-]")
        if j2 > j1:
            parts.append(f"{{+{new[j1:j2]}+}}")
    return "".join(parts)


def _shortened(text: str, first: bool, last: bool) -> str:
    if len(text) <= 2 * CONTEXT + 1:
        return text
    head = "" if first else text[:CONTEXT]
    tail = "" if last else text[-CONTEXT:]
    return f"{head}…{tail}"
