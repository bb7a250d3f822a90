"""首页: purpose, where to start, the handling process and the categories."""

from __future__ import annotations

from checker.model import PlaybookSet
from checker.site.markdown import admonition, table, text
from checker.site.pages.diagrams import process_diagram
from checker.site.pages.names import Names


def home_page(playbooks: PlaybookSet, names: Names) -> str:
    policy = playbooks.policy
    purpose = text(policy.purpose) if policy and policy.purpose else ""
    rows = [
        (
            f"[{text(c.title)}](categories/{c.id}.md)",
            text(names.severity.get(c.default_severity, c.default_severity)),
            text(c.summary),
        )
        for c in playbooks.categories
    ]
    return "\n".join(
        [
            "# 投诉处理手册",
            "",
            purpose,
            "",
            admonition(
                "tip",
                "客户正在线上？",
                "在页面顶部的搜索框输入关键词（例如 退款、情绪激动、送货延迟），"
                "直接打开对应的处理规范；每一步都有可一键复制的话术。"
                "第一次使用请先读 [一线员工速查](guides/quick-start.md)。",
            ),
            "## 处理流程",
            "",
            "每一件投诉都按以下八个步骤处理，各类别的具体动作、话术和时限见各类别页面。",
            "",
            process_diagram(),
            "## 从哪里开始",
            "",
            "- 判断投诉属于哪一类：见下表，或 [投诉类别总览](categories/index.md)。",
            "- 判断严重程度：[严重程度](severities.md)；拿不准时按更高一级处理。",
            "- 需要转交或审批：[升级层级与审批权限](tiers.md)。",
            "- 需要知道截止时间：[时限总表](limits.md)。",
            "- 面对情绪激动或难以沟通的客户：[客户类型](customer-types.md)。",
            "- 找一句合适的话：[话术库](scripts.md)。",
            "",
            "## 投诉类别",
            "",
            table(("类别", "默认严重程度", "概述"), rows),
        ]
    )
