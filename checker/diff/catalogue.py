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
from checker.diff.fields import (
    ADDED,
    HISTORY,
    LOOSENED,
    REMOVED,
    TIGHTENED,
    WORDING,
    Comparison,
    Field,
)
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

_ALL = ("所有手册",)
_PROMISE = (
    "投诉类别 › 处理步骤 › 动作、注意事项、各渠道话术",
    "投诉类别 › 补救措施 › 适用条件",
    "总则 › 受理渠道 › 处理要点",
    "客户类型 › 应对策略、推荐话术",
)
SPECIAL: tuple[ChangeType, ...] = (
    ChangeType(
        "playbook-added", ADDED, "新增整个手册文件（报告列出它的时限、补救措施和审批层级）", _ALL
    ),
    ChangeType(
        "playbook-removed", LOOSENED, "删除整个手册文件：其中的全部时限、步骤和话术随之取消", _ALL
    ),
    ChangeType(
        "playbook-renamed",
        WORDING,
        "类别改了标识和文件名（网页地址随之改变）：按内容认出是同一类别，逐项比较，版本号接着原来的",
        _ALL,
    ),
    ChangeType(
        "effective-later",
        LOOSENED,
        "生效日期推后，而版本号没变：这个版本相对上一版本是收紧，推后就是推迟收紧；无法判断时也按放宽审阅",
        _ALL,
    ),
    ChangeType(
        "effective-later",
        TIGHTENED,
        "生效日期推后，而版本号没变：这个版本相对上一版本是放宽，推后就是推迟放宽",
        _ALL,
    ),
    ChangeType(
        "effective-earlier",
        LOOSENED,
        "生效日期提前，而版本号没变：这个版本相对上一版本是放宽，提前就是提早放宽；无法判断时也按放宽审阅",
        _ALL,
    ),
    ChangeType(
        "effective-earlier",
        TIGHTENED,
        "生效日期提前，而版本号没变：这个版本相对上一版本是收紧，提前就是提早收紧",
        _ALL,
    ),
    ChangeType(
        "effective-new-version", ADDED, "新版本的生效日期（不计入版本号检查：版本号已经升了）", _ALL
    ),
    ChangeType(
        "suppression-added",
        LOOSENED,
        "新增抑制注释：这一处不再报告所列规则的问题（不计入版本号检查）",
        _ALL,
    ),
    ChangeType(
        "suppression-removed",
        TIGHTENED,
        "删除抑制注释：这一处重新接受所列规则的检查（不计入版本号检查）",
        _ALL,
    ),
    ChangeType(
        "promise-added",
        TIGHTENED,
        "措辞中新增金额或时限承诺（如“三天内全额退款”）：员工要兑现的承诺增加",
        _PROMISE,
    ),
    ChangeType("promise-removed", LOOSENED, "措辞中去掉了金额或时限承诺", _PROMISE),
    ChangeType(
        "promise-changed",
        LOOSENED,
        "措辞中的金额或时限承诺改变，看不出方向（按放宽审阅）",
        _PROMISE,
    ),
    ChangeType(
        "promise-longer",
        LOOSENED,
        "措辞中承诺的时间变长（如 7 个自然日内 → 10 个自然日内）",
        _PROMISE,
    ),
    ChangeType("promise-shorter", TIGHTENED, "措辞中承诺的时间缩短", _PROMISE),
    ChangeType("promise-raised", TIGHTENED, "措辞中承诺的金额调高", _PROMISE),
    ChangeType("promise-lowered", LOOSENED, "措辞中承诺的金额调低", _PROMISE),
    ChangeType("forbidden-wording-added", LOOSENED, "措辞中出现了总则列出的禁用语", _PROMISE),
    ChangeType("forbidden-wording-removed", TIGHTENED, "措辞中去掉了总则列出的禁用语", _PROMISE),
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
    if level is HISTORY:
        return f"已发布版本的变更记录：{_MOVES[verb]}"
    if f.outside is not None and level in (ADDED, REMOVED):
        return _NEW_DATA[verb]
    if f.optional and (verb, level) in (("added", TIGHTENED), ("removed", LOOSENED)):
        return _ABSENT[verb]
    return _BY_COMPARISON.get((f.comparison, verb), _MOVES[verb])


def _derived(
    kind: str,
    fields: Sequence[Field],
    trail: tuple[str, ...],
    schema: tuple[str, ...],
    fixed: ChangeLevel | None = None,
) -> Iterator[ChangeType]:
    for f in fields:
        label = label_of(kind, f, schema)
        place = " › ".join(part for part in (*trail, label) if part)
        for verb, level in f.outcomes(fixed):
            yield ChangeType(f"{f.kind}-{verb}", level, _describe(f, verb, level), (place,))
        if f.order:
            yield ChangeType(f"{f.order}-changed", LOOSENED, _REORDERED, (place,))
        inner = (*schema, *(part for part in f.pointer if isinstance(part, str)))
        yield from _derived(kind, f.fields, (*trail, label), inner, f.fixed or fixed)


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
