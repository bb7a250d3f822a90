"""时限计算器: the form the in-browser calculator fills, its data, and the calendar's rules."""

from __future__ import annotations

from checker.model import PlaybookSet
from checker.model.vocabulary import iso_weekday_name
from checker.site.calculator import data_script
from checker.site.markdown import text
from checker.site.pages.fragments import dates_table, version_block


def calculator_page(playbooks: PlaybookSet) -> str:
    cal = playbooks.calendar
    if cal is None:
        return "# 时限计算器\n\n没有工作日历（calendar.yaml），无法计算工作时间。\n"
    form = (
        '<div id="deadline-calculator" class="deadline-calculator">\n'
        '<p><label>投诉类别 <select name="category"></select></label>\n'
        '<label>严重程度 <select name="severity"></select></label>\n'
        '<label>收到投诉的时间 <input type="datetime-local" name="received"></label></p>\n'
        '<div class="deadline-calculator__result" aria-live="polite"></div>\n'
        "</div>\n"
    )
    holidays = dates_table("节日", cal.holidays)
    make_up = dates_table("调休", cal.make_up_workdays)
    workdays = "、".join(iso_weekday_name(d)[1:] for d in range(1, 8) if d not in cal.rest_days)
    return "\n".join(
        [
            "# 时限计算器",
            "",
            "选择投诉类别、严重程度和收到投诉的时间，立即算出首次响应、每次进展通报、每次升级、解决和回访的截止时间。"
            "计算在浏览器中完成，不需要联网。",
            "",
            form,
            data_script(playbooks),
            "",
            "## 计算规则 {#rules}",
            "",
            f"- 工作时间：每周{text(workdays)}，"
            f"{cal.start:%H:%M}–{cal.end:%H:%M}；法定节假日休息，调休上班日照常上班。",
            "- 以分钟、小时写的时限（如 30m、4h）按自然时间连续计算，夜间和节假日也计时。",
            "- 以工作小时写的时限只在工作时间内计时；下班后收到的投诉从下一个工作日上班时开始计时。",
            "- 以天写的时限（自然日、工作日）参照《民法典》第二百零一条、第二百零三条：收到投诉当天不计入，"
            "从次日起算；最后一天遇休息日或节假日顺延到其后第一个工作日；截止时间为当天下班时间。",
            f"- 日历数据覆盖 {cal.data_from} 至 {cal.data_until}（{text(cal.source)}）。"
            "超出这个范围的时限无法计算，计算器会明确提示，不会猜测。",
            "",
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
