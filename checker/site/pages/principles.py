"""处理原则与沟通技巧: principles, techniques, mistakes, forbidden phrases, channels and the
complaint record's fields."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from checker.model import Guidance, Policy
from checker.site.markdown import bullet_list, table, text
from checker.site.pages.fragments import guidance_list


def principles_page(policy: Policy) -> str:
    parts = ["# 处理原则与沟通技巧", ""]
    sections: Iterable[tuple[str, str, Sequence[Guidance]]] = (
        ("principles", "处理原则", policy.principles),
        ("techniques", "沟通技巧", policy.techniques),
        ("mistakes", "常见错误", policy.mistakes),
        ("disputes", "纠纷解决途径", policy.dispute_resolution),
        ("improvement", "分析与预防", policy.improvement),
    )
    for anchor, title, items in sections:
        if items:
            parts += [f"## {title} {{#{anchor}}}", "", guidance_list(items)]
    parts += [
        "## 禁用语 {#forbidden}",
        "",
        "以下说法不得出现在任何话术中（检查器规则 PB501）。",
        "",
    ]
    parts.append(
        table(
            ("不要说", "原因", "可以这样说"),
            (
                (text(f.phrase), text(f.reason), text(f.instead) if f.instead else "—")
                for f in policy.forbidden_phrases
            ),
        )
    )
    parts += ["## 受理渠道 {#channels}", ""]
    for channel in policy.channels:
        realtime = "（实时：客户正在等待）" if channel.realtime else ""
        parts += [f"### {text(channel.title)}{realtime}", "", bullet_list(channel.handling)]
    parts += ["## 投诉记录必填字段 {#record}", ""]
    parts.append(
        table(
            ("字段", "填写要求"),
            ((text(f.title), text(f.description)) for f in policy.record_fields),
        )
    )
    return "\n".join(parts)
