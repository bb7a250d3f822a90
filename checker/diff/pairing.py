"""Which item in BASE is which item in HEAD, for lists whose items may have no id.

Items are matched by a key first (an id, a tier, a phrase, the text itself). Items left over
on both sides are then paired when their texts are alike, so an edited sentence is reported
as reworded rather than as one removal plus one addition. Everything still unpaired was
removed or added.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Generic, TypeVar

T = TypeVar("T")

# Two texts at least this alike (difflib ratio) are one edited item, not a removal + addition.
ALIKE = 0.5


@dataclass(frozen=True)
class Pairing(Generic[T]):
    """The outcome of matching two lists: (index, item) on each side."""

    pairs: list[tuple[tuple[int, T], tuple[int, T]]]
    removed: list[tuple[int, T]]
    added: list[tuple[int, T]]


def pair_items(
    base: Sequence[T],
    head: Sequence[T],
    key: Callable[[T], Hashable],
    text: Callable[[T], str] | None = None,
) -> Pairing[T]:
    """Match ``base`` items to ``head`` items by ``key``; with ``text``, pair leftovers whose
    texts are alike (most alike first, ties broken by position)."""
    unmatched_head = list(enumerate(head))
    pairs: list[tuple[tuple[int, T], tuple[int, T]]] = []
    left_base: list[tuple[int, T]] = []
    for i, item in enumerate(base):
        found = next((n for n, (_, h) in enumerate(unmatched_head) if key(h) == key(item)), None)
        if found is None:
            left_base.append((i, item))
        else:
            pairs.append(((i, item), unmatched_head.pop(found)))
    removed: list[tuple[int, T]] = []
    if text is not None and left_base and unmatched_head:
        candidates = sorted(
            (
                (-_likeness(text(b), text(h)), abs(bi - hi), bn, hn)
                for bn, (bi, b) in enumerate(left_base)
                for hn, (hi, h) in enumerate(unmatched_head)
            ),
        )
        used_base: set[int] = set()
        used_head: set[int] = set()
        for score, _, bn, hn in candidates:
            if -score < ALIKE:
                break
            if bn in used_base or hn in used_head:
                continue
            used_base.add(bn)
            used_head.add(hn)
            pairs.append((left_base[bn], unmatched_head[hn]))
        removed = [b for bn, b in enumerate(left_base) if bn not in used_base]
        unmatched_head = [h for hn, h in enumerate(unmatched_head) if hn not in used_head]
    else:
        removed = left_base
    pairs.sort(key=lambda pair: pair[1][0])
    return Pairing(pairs, removed, unmatched_head)


def _likeness(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()
