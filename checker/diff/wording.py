"""Wording that is more than wording: amounts, time promises and forbidden phrases in free text.

"3 个工作日内全额退款" in a script is a promise staff must keep; "退款批准后 7 个自然日内" →
"10 个自然日内" in an action is a longer limit written in prose. A rewording that adds, drops
or changes such a promise, or brings in a phrase the policy forbids, is raised above 措辞.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from checker.diff.changes import ChangeLevel

LOOSENED, TIGHTENED = ChangeLevel.LOOSENED, ChangeLevel.TIGHTENED

_NUMBER = r"(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十百千万]+)"
_PROMISE = re.compile(
    rf"{_NUMBER}\s*(?:个)?\s*(?:工作日|自然日|工作小时|小时|分钟|天|日|周|个月|月)\s*(?:内|之内|以内)?"
    rf"|{_NUMBER}\s*(?:元|块钱|块|%|％|倍)"
    r"|全额|双倍|三倍|免费|包退|包换|当天|当日|立即|马上|即时"
)


def promises(text: str) -> set[str]:
    """The amounts and time promises written in ``text`` (spaces dropped)."""
    return {re.sub(r"\s+", "", m.group()) for m in _PROMISE.finditer(text)}


@dataclass(frozen=True)
class Raised:
    """Why a rewording is more than wording: the change type it becomes and what it says."""

    kind: str
    verb: str
    level: ChangeLevel
    note: str


def raised(old: str, new: str, forbidden: Iterable[str]) -> Raised | None:
    """The promise or forbidden-phrase change in a rewording ``old`` -> ``new``, if any."""
    brought = [p for p in forbidden if p and p in new and p not in old]
    dropped = [p for p in forbidden if p and p in old and p not in new]
    if brought:
        return Raised(
            "forbidden-wording", "added", LOOSENED, f"新文字含有禁用语：{'、'.join(brought)}"
        )
    before, after = promises(old), promises(new)
    if before == after:
        note = f"去掉了禁用语：{'、'.join(dropped)}"
        return Raised("forbidden-wording", "removed", TIGHTENED, note) if dropped else None
    gone, more = sorted(before - after), sorted(after - before)
    said = "；".join(
        [f"新增 {'、'.join(more)}"] * bool(more) + [f"去掉 {'、'.join(gone)}"] * bool(gone)
    )
    if more and not gone:
        return Raised(
            "promise",
            "added",
            TIGHTENED,
            f"措辞中新增金额或时限承诺：{said}（员工要兑现的承诺增加）",
        )
    if gone and not more:
        return Raised("promise", "removed", LOOSENED, f"措辞中去掉了金额或时限承诺：{said}")
    moved = _moved(gone, more)
    note = f"措辞中的金额或时限承诺改变：{said}（看不出方向，按放宽审阅）"
    return moved or Raised("promise", "changed", LOOSENED, note)


_AMOUNT = re.compile(r"(\d+)(元|块钱|块|%|％|倍)")
_TIME = re.compile(
    r"(\d+)(个?(?:工作日|自然日|工作小时|小时|分钟|天|日|周|个月|月)(?:内|之内|以内)?)"
)


def _moved(gone: list[str], more: list[str]) -> Raised | None:
    """One promise whose number moved in the same unit: a longer time is looser, a larger
    amount (more for the customer) stricter."""
    if len(gone) != 1 or len(more) != 1:
        return None
    for pattern, larger in ((_TIME, LOOSENED), (_AMOUNT, TIGHTENED)):
        old, new = pattern.fullmatch(gone[0]), pattern.fullmatch(more[0])
        if old and new and old[2] == new[2]:
            grew = int(new[1]) > int(old[1])
            verb = ("longer", "shorter") if pattern is _TIME else ("raised", "lowered")
            level = larger if grew else larger.opposite
            said = f"措辞中的承诺 {gone[0]} → {more[0]}"
            return Raised("promise", verb[0] if grew else verb[1], level, said)
    return None
