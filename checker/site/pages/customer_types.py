"""客户类型: what complaining customers want, then each type with its strategies and scripts."""

from __future__ import annotations

from checker.model import PlaybookSet
from checker.model.vocabulary import STEP_NAMES
from checker.site.markdown import admonition, bullet_list, code_block, text


def customer_types_page(playbooks: PlaybookSet) -> str:
    types = playbooks.customer_types
    if types is None:
        return "# 客户类型\n\n（尚未定义客户类型。）\n"
    parts = ["# 客户类型", ""]
    if types.needs:
        parts += ["## 投诉客户想要什么", "", bullet_list(types.needs)]
    for t in types.types:
        parts += [
            f"## {text(t.title)} {{#type-{t.id}}}",
            "",
            text(t.description),
            "",
            "**如何识别**",
            "",
            bullet_list(t.recognition),
            "**应对策略**",
            "",
            bullet_list(t.strategies),
            "**推荐话术**",
            "",
        ]
        for script in t.scripts:
            step = f"（{STEP_NAMES.get(script.step, script.step)}）" if script.step else ""
            parts += [f"*{text(script.situation)}*{text(step)}", "", code_block(script.text)]
        parts += [admonition("danger", "不要这样做", bullet_list(t.avoid))]
    return "\n".join(parts)
