"""首页: the routes staff need most on the first screen, the categories, then the process."""

from __future__ import annotations

from checker.model import PlaybookSet, Route
from checker.site.markdown import admonition, table, text
from checker.site.pages.diagrams import process_diagram
from checker.site.pages.names import Names

# where a route's ``page`` leads (the schema's enumeration)
ROUTE_PAGES = {
    "triage": "triage.md",
    "tiers": "tiers.md",
    "severities": "severities.md",
    "limits": "limits.md",
    "calculator": "calculator.md",
    "scripts": "scripts.md",
    "customer-types": "customer-types.md",
    "principles": "principles.md",
    "categories": "categories/index.md",
}


def route_link(route: Route) -> str:
    kind, target = route.target
    links = {
        "category": f"categories/{target}.md",
        "customer_type": f"customer-types.md#type-{target}",
        "signal": f"triage.md#signal-{target}",
    }
    return links.get(kind) or ROUTE_PAGES.get(target, "index.md")


def routes_block(playbooks: PlaybookSet) -> str:
    """The routes as a grid of large links; one to a category with an emergency is red."""
    policy = playbooks.policy
    if policy is None or not policy.routes:
        return ""
    urgent = {c.id for c in playbooks.categories if c.emergency is not None}
    items = []
    for route in policy.routes:
        danger = "{: .route--danger }" if route.category in urgent else ""
        items.append(f"- [**{text(route.title)}**{text(route.hint)}]({route_link(route)}){danger}")
    return '<div class="routes" markdown>\n\n' + "\n".join(items) + "\n\n</div>\n"


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
            routes_block(playbooks),
            admonition(
                "tip",
                "客户正在线上？",
                "点上面的入口，或在页面顶部的搜索框输入客户说的话（例如 退款、骂人、送货延迟），"
                "直接打开对应的处理规范；每个类别页面最上面是速查卡：时限、升级对象和分机、第一句话术。"
                "第一次使用请先读 [一线员工速查](guides/quick-start.md)。",
            ),
            "## 投诉类别",
            "",
            table(("类别", "默认严重程度", "概述"), rows),
            "## 处理流程",
            "",
            "每一件投诉都按以下八个步骤处理，各类别的具体动作、话术和时限见各类别页面。",
            "",
            process_diagram(),
            "## 从哪里开始",
            "",
            "- 判断投诉属于哪一类、有多严重：[分诊](triage.md)，或 [投诉类别总览](categories/index.md)。",
            "- 判断严重程度：[严重程度](severities.md)；拿不准时按更高一级处理。",
            "- 需要转交或审批：[升级层级与审批权限](tiers.md)。",
            "- 需要知道截止时间：[时限总表](limits.md)。",
            "- 面对情绪激动或难以沟通的客户：[客户类型](customer-types.md)。",
            "- 找一句合适的话：[话术库](scripts.md)。",
            "",
            "## 关于本手册",
            "",
            purpose,
            "",
        ]
    )
