"""Rule documentation for the terminal: the table (``playbook rules``) and one rule's page."""

from __future__ import annotations

from checker.reporters.text import display_width
from checker.rules.registry import Example, all_rules, get

STAGES = {"load": "读取", "schema": "结构", "model": "业务", "engine": "注释", "diff": "变更"}
TARGET_FILES = {
    "policy": "playbooks/policy.yaml",
    "category": "playbooks/categories/product-quality.yaml",
    "customer-types": "playbooks/customer-types.yaml",
    "calendar": "playbooks/calendar.yaml",
}


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def rules_table() -> str:
    rules = all_rules()
    name_width = max(len(r.name) for r in rules)
    lines = [f"{_pad('规则号', 8)} {_pad('名称', name_width)} {_pad('级别', 4)} 说明"]
    for r in rules:
        lines.append(f"{r.id:<8} {r.name:<{name_width}} {_pad(r.severity.label, 4)} {r.summary}")
    lines.append(f"\n共 {len(rules)} 条规则。运行 playbook explain 规则号 查看原因和示例。")
    return "\n".join(lines) + "\n"


def _example(label: str, example: Example) -> list[str]:
    where = "整个文件" if example.whole_file else f"并入 {TARGET_FILES[example.target]}"
    if example.lists == "replace" and not example.whole_file:
        where += "，列表整体替换"
    lines = [f"{label}（{where}）："]
    lines += [f"    {line}" for line in example.yaml.rstrip("\n").splitlines()]
    if example.note:
        lines.append(f"    # {example.note}")
    return lines


def explain_rule(rule_id: str) -> str | None:
    rule = get(rule_id)
    if rule is None:
        return None
    lines = [
        f"{rule.id} [{rule.name}]  级别：{rule.severity.label}  阶段：{STAGES.get(rule.stage, rule.stage)}",
        "",
        rule.summary,
        "",
        f"为什么：{rule.rationale}",
        "",
    ]
    for example in rule.good:
        lines += [*_example("正确示例", example), ""]
    for example in rule.bad:
        lines += [*_example("错误示例", example), ""]
    lines.append(f"在行尾写 # playbook: disable={rule.id} 原因 可以在确有理由时抑制这条检查。")
    return "\n".join(lines) + "\n"
