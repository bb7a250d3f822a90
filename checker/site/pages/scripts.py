"""话术库: every script by step, then category and channel; then by customer type."""

from __future__ import annotations

from checker.model import PlaybookSet
from checker.model.vocabulary import STEP_NAMES
from checker.site.markdown import code_block, text
from checker.site.pages.names import Names


def scripts_page(playbooks: PlaybookSet, names: Names) -> str:
    """Every script, by step, then category, with channel labels; then by customer type."""
    parts = [
        "# 话术库",
        "",
        "全部话术按处理步骤排列，标明类别和渠道；也可以用搜索框按关键词查找。"
        "花括号中的内容（如 {称呼}）在使用时替换成实际信息。",
        "",
    ]
    for step_id, step_name in STEP_NAMES.items():
        entries = [
            (category, step)
            for category in playbooks.categories
            for step in category.procedure
            if step.id == step_id and step.scripts
        ]
        if not entries:
            continue
        parts += [f"## {text(step_name)} {{#step-{step_id}}}", ""]
        for category, step in entries:
            parts += [
                f"### {text(category.title)} · {text(step.title)}",
                "",
                f"[打开类别页面](categories/{category.id}.md#step-{step.id})",
                "",
            ]
            for channel, script in step.scripts.items():
                parts += [
                    f"渠道：**{text(names.channel.get(channel, channel))}**",
                    "",
                    code_block(script.text),
                ]
    if playbooks.customer_types:
        parts += ["## 按客户类型 {#by-customer-type}", ""]
        for t in playbooks.customer_types.types:
            parts += [f"### {text(t.title)}", ""]
            for script in t.scripts:
                parts += [f"*{text(script.situation)}*", "", code_block(script.text)]
    return "\n".join(parts)
