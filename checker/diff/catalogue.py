"""The catalogue of change types: every change ``playbook diff`` can report, with its class and
a Chinese description, in the spirit of oasdiff's list of checks.

Field changes are derived from the declarations in ``checker.diff.specs`` (one field and its
comparison give a fixed set of ``<kind>-<verb>`` ids); changes of whole playbooks and of their
metadata are listed in ``SPECIAL``. The comparer records a change only through ``change_type``,
so nothing outside this catalogue can be reported. ``change_types()`` is what the handbook's
rule pages list.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from checker.diff.changes import ChangeLevel
from checker.diff.fields import ADDED, LOOSENED, REMOVED, TIGHTENED, Comparison, Field
from checker.model.vocabulary import KIND_NAMES
from checker.schema.titles import field_label


@dataclass(frozen=True)
class ChangeType:
    """One type of change: its id, its class, what it means and where it can occur."""

    id: str
    level: ChangeLevel
    description: str
    where: tuple[str, ...] = ()


_MOVES = {
    "reworded": "文字改写",
    "removed": "删除一项",
    "added": "新增一项",
    "longer": "变长：截止时间推后（单位不同时，在工作日历上按同一批收到时间逐个比较）",
    "shorter": "缩短：截止时间提前",
    "mixed": "计时方式改变，部分收到时间截止更晚、部分更早（混合；按放宽审阅，报告给出比例和例子）",
    "raised": "调高",
    "lowered": "调低",
    "later": "推后",
    "earlier": "提前",
    "extended": "延长",
    "shortened": "缩短",
    "tightened": "改为更严格的设置",
    "relaxed": "改为更宽松的设置",
    "higher": "改为更高的层级或等级",
    "lower": "改为更低的层级或等级",
    "changed": "改为另一个值，看不出方向（按放宽审阅）",
}
_BY_COMPARISON = {
    (Comparison.DURATION, "reworded"): "写法改变，截止时间完全相同",
    (Comparison.SENTENCES, "reworded"): "其中一条改写",
    (Comparison.SET, "removed"): "移除一项",
    (Comparison.SET, "added"): "加入一项",
}
_REORDERED = "顺序调整，看不出方向（按放宽审阅）"
_ABSENT = {"added": "新设（原来没有规定）", "removed": "取消（不再有规定）"}
_NEW_DATA = {
    "added": "对方数据范围以外的日期：新的数据，不改变规则",
    "removed": "删除对方数据范围以外的日期",
}

SPECIAL: tuple[ChangeType, ...] = (
    ChangeType("playbook-added", ADDED, "新增整个手册文件", ("所有手册",)),
    ChangeType(
        "playbook-removed",
        LOOSENED,
        "删除整个手册文件：其中的全部时限、步骤和话术随之取消",
        ("所有手册",),
    ),
)


def label_of(kind: str, f: Field, schema: tuple[str, ...]) -> str:
    """A field's label: the schema's title at its path (``schema`` leads to its object); a
    field nested in an object at the top of the file says which (法务介入的说明)."""
    if f.label is not None:
        return f.label
    names = tuple(part for part in f.pointer if isinstance(part, str))
    own = field_label(kind, (*schema, *names))
    if len(names) > 1 and not schema:
        return f"{field_label(kind, names[:-1])}的{own}"
    return own


def _describe(f: Field, verb: str, level: ChangeLevel) -> str:
    if f.outside is not None and level in (ADDED, REMOVED):
        return _NEW_DATA[verb]
    if f.optional and (verb, level) in (("added", TIGHTENED), ("removed", LOOSENED)):
        return _ABSENT[verb]
    return _BY_COMPARISON.get((f.comparison, verb), _MOVES[verb])


def _derived(
    kind: str, fields: Sequence[Field], trail: tuple[str, ...], schema: tuple[str, ...]
) -> Iterator[ChangeType]:
    for f in fields:
        label = label_of(kind, f, schema)
        place = " › ".join(part for part in (*trail, label) if part)
        for verb, level in f.outcomes():
            yield ChangeType(f"{f.kind}-{verb}", level, _describe(f, verb, level), (place,))
        if f.order:
            yield ChangeType(f"{f.order}-changed", LOOSENED, _REORDERED, (place,))
        inner = (*schema, *(part for part in f.pointer if isinstance(part, str)))
        yield from _derived(kind, f.fields, (*trail, label), inner)


@cache
def _catalogue() -> dict[tuple[str, ChangeLevel], ChangeType]:
    from checker.diff.specs import SPECS

    found: dict[tuple[str, ChangeLevel], ChangeType] = {}
    everything = [*SPECIAL]
    for kind, fields in SPECS.items():
        everything.extend(_derived(kind, fields, (KIND_NAMES[kind],), ()))
    for entry in everything:
        known = found.setdefault((entry.id, entry.level), entry)
        where = tuple(dict.fromkeys((*known.where, *entry.where)))
        found[entry.id, entry.level] = ChangeType(known.id, known.level, known.description, where)
    return found


def change_types() -> list[ChangeType]:
    """Every change type, loosened first, then by id (what the handbook lists)."""
    return sorted(_catalogue().values(), key=lambda t: (t.level.rank, t.id))


def change_type(change_id: str, level: ChangeLevel) -> ChangeType:
    """The catalogued type of a change; an uncatalogued one is a programming error."""
    found = _catalogue().get((change_id, level))
    if found is None:
        raise LookupError(f"change type {change_id} ({level.value}) is not in the catalogue")
    return found
