"""Durations that cannot be misread: natural time and working time are different units.

Accepted forms: ``30m`` and ``4h`` (natural minutes and hours), ``3 calendar days``,
``4 working hours`` and ``2 working days``. Anything else is rejected with an explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from checker.markup.characters import ascii_lookalikes, lookalike_hint


class Unit(StrEnum):
    MINUTE = "minute"
    HOUR = "hour"
    CALENDAR_DAY = "calendar_day"
    WORKING_HOUR = "working_hour"
    WORKING_DAY = "working_day"

    @property
    def working(self) -> bool:
        return self in (Unit.WORKING_HOUR, Unit.WORKING_DAY)


_LABELS = {
    Unit.MINUTE: "分钟",
    Unit.HOUR: "小时",
    Unit.CALENDAR_DAY: "个自然日",
    Unit.WORKING_HOUR: "个工作小时",
    Unit.WORKING_DAY: "个工作日",
}

# the schema's pattern (defs.schema.json#/$defs/duration), read with fullmatch: no trailing
# newline, ASCII digits only, at most six of them
_FORM = re.compile(
    r"(?P<n>[1-9][0-9]{0,5})(?:(?P<short>m|h)|"
    r" (?P<long>calendar days?|working days?|working hours?))"
)

# Hours in a working day unless the policy's working hours say otherwise.
DEFAULT_WORKING_DAY_HOURS = 9


class DurationError(ValueError):
    """A duration that cannot be read; ``hint`` says how to write it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Duration:
    """An amount of natural or working time, as written in a playbook."""

    amount: int
    unit: Unit
    text: str

    @property
    def working(self) -> bool:
        return self.unit.working

    def label(self) -> str:
        """Chinese reading, e.g. 2 个工作日, 4 小时."""
        return f"{self.amount} {_LABELS[self.unit]}"

    def natural_minutes(self) -> int:
        """Exact length in minutes; only for natural time."""
        factor = {Unit.MINUTE: 1, Unit.HOUR: 60, Unit.CALENDAR_DAY: 1440}[self.unit]
        return self.amount * factor

    def working_minutes(self, hours_per_day: int = DEFAULT_WORKING_DAY_HOURS) -> int:
        """Exact length in working minutes; only for working time."""
        factor = 60 if self.unit is Unit.WORKING_HOUR else hours_per_day * 60
        return self.amount * factor

    def nominal_minutes(self, hours_per_day: int = DEFAULT_WORKING_DAY_HOURS) -> float:
        """A comparable length in minutes.

        Natural time is exact. Working time counts one working day as 24 hours, so a working
        hour is 24/H natural hours (H = hours in a working day): comparisons between two
        working durations stay exact, and mixed comparisons treat a working day as "a day".
        """
        if not self.working:
            return float(self.natural_minutes())
        return self.working_minutes(hours_per_day) * 24 / hours_per_day


def parse_duration(text: str) -> Duration:
    """Parse a playbook duration or raise ``DurationError`` with a Chinese explanation."""
    match = _FORM.fullmatch(text)
    if match:
        amount = int(match["n"])
        if match["short"]:
            unit = Unit.MINUTE if match["short"] == "m" else Unit.HOUR
        else:
            unit = {
                "calendar": Unit.CALENDAR_DAY,
                "working days": Unit.WORKING_DAY,
                "working hours": Unit.WORKING_HOUR,
            }[_long_key(match["long"])]
        return Duration(amount, unit, text)
    raise _explain(text)


def _long_key(word: str) -> str:
    if word.startswith("calendar"):
        return "calendar"
    return "working days" if "day" in word else "working hours"


def _explain(text: str) -> DurationError:
    lookalikes = lookalike_hint(text)
    if lookalikes:
        folded = "".join(dict(ascii_lookalikes(text)).get(ch, ch) for ch in text)
        return DurationError(
            f"时长「{text}」里有全角或非 ASCII 的字符。",
            f"{lookalikes}例如写成 {folded}。" if _FORM.fullmatch(folded) else lookalikes,
        )
    if text != text.strip() or "\n" in text:
        return DurationError(
            f"时长「{text.strip()}」前后有多余的空白或换行。",
            f"去掉多余的空白，写成 {text.strip()}。"
            if _FORM.fullmatch(text.strip())
            else "去掉多余的空白。",
        )
    stripped = text.strip()
    number = re.match(r"([0-9]+(?:\.[0-9]+)?)", stripped)
    n = number.group(1) if number else "N"
    if number and len(n.split(".")[0]) > 6:
        return DurationError(
            f"时长的数字有 {len(n.split('.')[0])} 位，太大了。",
            "时长的数字最多 6 位；检查是否多打了数字，或者换一个更大的单位。",
        )
    if number and "." in n:
        return DurationError(
            f"时长「{text}」不是整数。",
            '时长必须是正整数：1.5h 请写成 90m，1.5 个工作日请写成 "13 working hours" 这样的整数。',
        )
    if number and not n.strip("0"):
        return DurationError(f"时长「{text}」必须大于零。", "写一个正整数，例如 30m。")
    if number and n.startswith("0"):
        return DurationError(f"时长「{text}」有前导零。", f"去掉前导零，写成 {n.lstrip('0')}。")
    if re.search(r"(business|workday|工作)", stripped):
        return DurationError(
            f"时长「{text}」的写法无法识别。",
            f'工作时间请写成 "{n} working days" 或 "{n} working hours"。',
        )
    if re.search(r"(^|[0-9 ])(d|days?|天|日)$", stripped):
        return DurationError(
            f"时长「{text}」没有说明是自然日还是工作日。",
            f'写成 "{n} calendar days"（自然日，含周末和节假日）或 "{n} working days"（工作日）。',
        )
    if re.search(r"(小时|hours?|hrs?)$", stripped):
        return DurationError(
            f"时长「{text}」的写法无法识别。",
            f'自然小时写成 {n}h；按工作时间计算写成 "{n} working hours"。',
        )
    if re.search(r"(分钟|minutes?|mins?)$", stripped):
        return DurationError(f"时长「{text}」的写法无法识别。", f"分钟写成 {n}m。")
    if re.search(r"(周|weeks?|w)$", stripped):
        return DurationError(
            f"时长「{text}」以周为单位，含义不够明确。",
            '换算成天数，例如 2 周写成 "14 calendar days" 或 "10 working days"。',
        )
    return DurationError(
        f"时长「{text}」的写法无法识别。",
        '可用的写法：30m、4h、"3 calendar days"、"4 working hours"、"2 working days"。',
    )
