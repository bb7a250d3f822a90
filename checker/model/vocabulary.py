"""Every Chinese label of the domain's terms, in one place (field names: ``checker.schema.titles``).

The timeline, the handbook, the diff and the checker's messages all name things through this
module, so the same thing is always called the same (周三, not 星期三 in one place and 周三 in
another; 接收与登记 everywhere).
"""

from __future__ import annotations

import datetime as dt

SEVERITY_IDS = ("normal", "major", "critical")

STEP_IDS = (
    "receive",
    "assess",
    "investigate",
    "propose",
    "communicate",
    "execute",
    "follow-up",
    "archive",
)
STEP_NAMES = {
    "receive": "接收与登记",
    "assess": "评估与分类",
    "investigate": "调查原因",
    "propose": "制定方案",
    "communicate": "沟通方案",
    "execute": "落实与跟踪",
    "follow-up": "回访",
    "archive": "归档与改进",
}

REMEDY_KIND_NAMES = {
    "refund": "退款",
    "replacement": "换货",
    "repair": "维修",
    "compensation": "赔偿",
    "voucher": "代金券",
    "apology": "致歉",
    "goodwill": "关怀礼品",
    "service-redo": "重新服务",
}

LIMIT_METRICS = ("first_response", "update_interval", "resolution", "follow_up")
METRIC_TITLES = {
    "first_response": "首次响应",
    "update_interval": "进展通报间隔",
    "resolution": "解决时限",
    "follow_up": "回访时限",
}

CERTAINTY_LABELS = {
    "verified": "已核对原文",
    "secondary": "仅见于二手资料",
    "uncertain": "未确认",
}

WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

# A due time computed on the provisional calendar (past the official holiday data).
PROVISIONAL = "暂定"

# Where each year of the working calendar's holidays comes from (checker.deadlines.calendar_years).
YEAR_STATUS_LABELS = {
    "official": "官方数据",
    "hand-entered": "手工录入",
    "provisional": "暂定",
    "unsourced": "无出处",
}

# Time zones as staff say them; any other zone is named by its IANA name.
TIME_ZONE_NAMES = {"Asia/Shanghai": "北京时间", "PRC": "北京时间"}

# Kinds of playbook file, as people call them.
KIND_NAMES = {
    "policy": "总则",
    "category": "投诉类别",
    "customer-types": "客户类型",
    "calendar": "工作日历",
}


def weekday_name(day: dt.date) -> str:
    """周一 … 周日."""
    return WEEKDAY_NAMES[day.weekday()]


def iso_weekday_name(iso_weekday: int) -> str:
    """The name of an ISO weekday number (1 = Monday … 7 = Sunday)."""
    return WEEKDAY_NAMES[iso_weekday - 1]


def moment(value: dt.datetime) -> str:
    """A due time as staff read it: 2026-10-09 18:00 周五."""
    return f"{value:%Y-%m-%d %H:%M} {weekday_name(value)}"


def certainty_label(value: str) -> str:
    return CERTAINTY_LABELS.get(value, value)


def time_zone_name(zone: str) -> str:
    """北京时间 for Asia/Shanghai; other zones by name (``Europe/Berlin 时间``)."""
    return TIME_ZONE_NAMES.get(zone, f"{zone} 时间")
