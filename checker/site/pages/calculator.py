"""时限计算器: the form the in-browser calculator fills, its data, and the calendar's rules."""

from __future__ import annotations

from checker.deadlines.clock import today
from checker.model import PlaybookSet
from checker.site.calculator import (
    calculator_form,
    calendar_rules,
    calendar_years_section,
    data_script,
    provisional_banner,
)
from checker.site.markdown import text
from checker.site.pages.fragments import dates_table, version_block


def calculator_page(playbooks: PlaybookSet) -> str:
    cal = playbooks.calendar
    if cal is None:
        return "# 时限计算器\n\n没有工作日历（calendar.yaml），无法计算工作时间。\n"
    holidays = dates_table("节日", cal.holidays)
    make_up = dates_table("调休", cal.make_up_workdays)
    return "\n".join(
        [
            "# 时限计算器",
            "",
            "选择投诉类别、严重程度和收到投诉的时间，立即算出首次响应、每次进展通报、每次升级、解决和回访的截止时间。"
            "计算在浏览器中完成，不需要联网。",
            "",
            provisional_banner(playbooks, today(cal)),
            calculator_form(cal),
            data_script(playbooks),
            "",
            "## 计算规则 {#rules}",
            "",
            *calendar_rules(cal),
            "",
            calendar_years_section(cal),
            "## 法定节假日 {#holidays}",
            "",
            holidays,
            "## 调休上班日 {#make-up-workdays}",
            "",
            make_up,
            text(cal.notes) if cal.notes else "",
            "",
            version_block(cal.header, "yaml/calendar.yaml"),
        ]
    )
