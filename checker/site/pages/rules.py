"""检查规则: every rule of ``playbook check`` with its rationale and examples."""

from __future__ import annotations

from collections.abc import Sequence

from checker.findings import Rule
from checker.site.markdown import code_block, table, text


def rules_page(rules: Sequence[Rule]) -> str:
    parts = [
        "# 检查规则",
        "",
        "`playbook check` 检查的全部规则。每条规则的正确与错误示例都作为测试实际运行。",
        "",
        table(
            ("规则号", "名称", "级别", "说明"),
            (
                (f"[{r.id}](#{r.id.lower()})", f"`{r.name}`", r.severity.label, text(r.summary))
                for r in rules
            ),
        ),
    ]
    for r in rules:
        parts += [
            f"## {r.id} {text(r.name)} {{#{r.id.lower()}}}",
            "",
            f"级别：{r.severity.label}。{text(r.summary)}",
            "",
            f"**为什么**：{text(r.rationale)}",
            "",
        ]
        for label, examples in (("正确示例", r.good), ("错误示例", r.bad)):
            for example in examples:
                parts += [f"**{label}**", "", code_block(example.yaml.rstrip("\n"), "yaml")]
                if example.note:
                    parts += [text(example.note), ""]
    return "\n".join(parts)
