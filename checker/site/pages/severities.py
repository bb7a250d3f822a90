"""严重程度: each level with its definition, factors and examples."""

from __future__ import annotations

from checker.model import Policy
from checker.site.markdown import bullet_list, text


def severities_page(policy: Policy) -> str:
    parts = ["# 严重程度", "", "拿不准时，按更高一级处理。", ""]
    for level in policy.severities:
        parts += [
            f"## {text(level.title)} {{#severity-{level.id}}}",
            "",
            text(level.definition),
            "",
            "**判定因素**",
            "",
            bullet_list(level.factors),
        ]
        if level.examples:
            parts += ["**示例**", "", bullet_list(level.examples)]
    return "\n".join(parts)
