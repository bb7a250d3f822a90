"""Durations: natural and working time are different units, and every other spelling is
rejected with a hint that shows how to write it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.model.duration import DurationError, Unit, parse_duration

CHINESE = re.compile(r"[\u4e00-\u9fff]")
# A duration as the hint would quote it: not preceded by a digit or decimal point (so "1.5h"
# does not yield "5h").
SUGGESTED_FORM = re.compile(
    r"(?<![0-9.])[0-9]+(?:m|h| calendar days?| working days?| working hours?)(?![A-Za-z])"
)


def parses(text: str) -> bool:
    try:
        parse_duration(text)
    except DurationError:
        return False
    return True


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("30m", 30, Unit.MINUTE),
        ("4h", 4, Unit.HOUR),
        ("3 calendar days", 3, Unit.CALENDAR_DAY),
        ("1 calendar day", 1, Unit.CALENDAR_DAY),
        ("4 working hours", 4, Unit.WORKING_HOUR),
        ("1 working hour", 1, Unit.WORKING_HOUR),
        ("2 working days", 2, Unit.WORKING_DAY),
        ("1 working day", 1, Unit.WORKING_DAY),
    ],
)
def test_accepted_form(text, amount, unit):
    duration = parse_duration(text)
    assert (duration.amount, duration.unit, duration.text) == (amount, unit, text)


@pytest.mark.parametrize(
    ("text", "working"),
    [
        ("4h", False),
        ("3 calendar days", False),
        ("4 working hours", True),
        ("2 working days", True),
    ],
)
def test_working_time_is_told_apart_from_natural_time(text, working):
    assert parse_duration(text).working is working


REJECTED = ["3d", "2 天", "3 days", "1.5h", "2 business days", "2 weeks", "0m", ""]


@pytest.mark.parametrize("text", REJECTED)
def test_rejected_form_raises_duration_error_with_a_chinese_hint(text):
    with pytest.raises(DurationError) as caught:
        parse_duration(text)
    assert CHINESE.search(caught.value.message)
    assert caught.value.hint
    assert CHINESE.search(caught.value.hint)


@pytest.mark.parametrize("text", [*REJECTED, "0 working days", "1.5 working days"])
def test_rejection_hint_suggests_a_form_that_parses(text):
    with pytest.raises(DurationError) as caught:
        parse_duration(text)
    suggested = SUGGESTED_FORM.findall(caught.value.hint)
    assert suggested, caught.value.hint
    accepted = [form for form in suggested if parses(form)]
    assert accepted, f"none of {suggested} in the hint {caught.value.hint!r} is accepted"


@pytest.mark.parametrize(
    ("text", "explanation"),
    [
        ("3d", "自然日还是工作日"),
        ("3 days", "自然日还是工作日"),
        ("2 天", "自然日还是工作日"),
        ("1.5h", "整数"),
        ("2 weeks", "周"),
        ("0m", "大于零"),
        ("0 working days", "大于零"),
        ("1.5 working days", "整数"),
    ],
)
def test_rejection_message_names_the_actual_problem(text, explanation):
    with pytest.raises(DurationError) as caught:
        parse_duration(text)
    assert explanation in caught.value.message


def test_working_day_equals_default_working_hours():
    day, hours = parse_duration("1 working day"), parse_duration("9 working hours")
    assert day.working_minutes() == hours.working_minutes()
    assert day.nominal_minutes() == hours.nominal_minutes()


def test_working_day_follows_the_policy_hours_per_day():
    day, hours = parse_duration("1 working day"), parse_duration("8 working hours")
    assert day.nominal_minutes(hours_per_day=8) == hours.nominal_minutes(hours_per_day=8)
    assert day.nominal_minutes(hours_per_day=9) > hours.nominal_minutes(hours_per_day=9)


def test_natural_durations_compare_exactly():
    assert parse_duration("1 calendar day").nominal_minutes() == 1440
    assert parse_duration("24h").nominal_minutes() == parse_duration("1440m").nominal_minutes()


def test_mixed_comparison_counts_a_working_day_as_a_day():
    assert (
        parse_duration("1 working day").nominal_minutes() == parse_duration("24h").nominal_minutes()
    )


def test_mixed_comparison_scales_a_working_hour_to_its_share_of_a_day():
    # 9 working hours make a working day (24 h), so 3 working hours count as 8 h.
    assert (
        parse_duration("3 working hours").nominal_minutes()
        == parse_duration("8h").nominal_minutes()
    )


FORMS = {
    Unit.MINUTE: lambda n: f"{n}m",
    Unit.HOUR: lambda n: f"{n}h",
    Unit.CALENDAR_DAY: lambda n: f"{n} calendar day" if n == 1 else f"{n} calendar days",
    Unit.WORKING_HOUR: lambda n: f"{n} working hour" if n == 1 else f"{n} working hours",
    Unit.WORKING_DAY: lambda n: f"{n} working day" if n == 1 else f"{n} working days",
}


@given(n=st.integers(min_value=1, max_value=999_999), unit=st.sampled_from(list(FORMS)))
def test_any_positive_amount_round_trips(n, unit):
    """Every amount the schema accepts (at most six digits) reads back as written."""
    duration = parse_duration(FORMS[unit](n))
    assert duration.amount == n
    assert duration.unit is unit
    assert str(n) in duration.label()


@given(n=st.integers(min_value=1_000_000, max_value=10**300), unit=st.sampled_from(list(FORMS)))
def test_amounts_over_six_digits_are_refused_with_an_explanation(n, unit):
    with pytest.raises(DurationError) as refused:
        parse_duration(FORMS[unit](n))
    assert refused.value.message == f"时长的数字有 {len(str(n))} 位，太大了。"


def test_amount_past_pythons_integer_conversion_limit_is_a_duration_error():
    """5,000 digits: more than Python converts to an int; an explanation, never a crash."""
    with pytest.raises(DurationError) as refused:
        parse_duration("9" * 5000 + " working days")
    assert refused.value.message == "时长的数字有 5000 位，太大了。"
