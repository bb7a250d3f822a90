"""The site's navigation: hand-written guides and generated pages in reading order."""

from __future__ import annotations

from checker.markup.escape import html_text
from checker.model import PlaybookSet

# Every page repeats the navigation, so listing N categories in it makes the site grow with
# N squared; above this many, the navigation shows only the overview, which links to them all.
NAV_CATEGORY_LIMIT = 40


def navigation(playbooks: PlaybookSet) -> list[dict[str, object]]:
    """The site's navigation: hand-written guides and generated pages in reading order."""
    categories: list[dict[str, str]] = [{"总览": "categories/index.md"}]
    if len(playbooks.categories) <= NAV_CATEGORY_LIMIT:
        # MkDocs treats navigation titles as HTML (Material prints them unescaped)
        categories += [{html_text(c.title): f"categories/{c.id}.md"} for c in playbooks.categories]
    return [
        {"首页": "index.md"},
        {"分诊": "triage.md"},
        {"一线员工速查": "guides/quick-start.md"},
        {"投诉类别": categories},
        {"严重程度": "severities.md"},
        {"升级层级与审批权限": "tiers.md"},
        {"时限总表": "limits.md"},
        {"时限计算器": "calculator.md"},
        {"客户类型": "customer-types.md"},
        {"话术库": "scripts.md"},
        {"处理原则与沟通技巧": "principles.md"},
        {"变更记录": "changelog.md"},
        {"合规审阅指南": "guides/compliance-review.md"},
        {"编写指南": "guides/authoring.md"},
        {"检查规则": "rules.md"},
    ]
