"""``playbook rules`` and ``playbook explain``: rule documentation for the terminal."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from checker.catalogue import all_rules, get
from checker.cli.errors import EXIT_CLEAN, EXIT_USAGE
from checker.findings import Example
from checker.markup.terminal import display_width

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
    if example.file:
        where += f"，另存为 playbooks/{example.file}"
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
        f"{rule.id} [{rule.name}]  级别：{rule.severity.label}  阶段：{rule.stage.label}",
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


def add_parser(sub: Any) -> None:
    sub.add_parser("rules", help="列出全部规则")
    explain = sub.add_parser("explain", help="解释一条规则并给出正反示例")
    explain.add_argument("rule_id", metavar="规则号")


def run_rules(args: argparse.Namespace) -> int:
    sys.stdout.write(rules_table())
    return EXIT_CLEAN


def run_explain(args: argparse.Namespace) -> int:
    text = explain_rule(args.rule_id)
    if text is None:
        sys.stderr.write(
            f"playbook：没有规则「{args.rule_id}」。运行 playbook rules 查看全部规则。\n"
        )
        return EXIT_USAGE
    sys.stdout.write(text)
    return EXIT_CLEAN
