"""Mermaid diagrams: the handling process and a category's escalation path."""

from __future__ import annotations

from checker.model import Category, PlaybookSet
from checker.model.vocabulary import STEP_NAMES
from checker.site.markdown import mermaid_label, table, text
from checker.site.pages.card import tier_with_phone
from checker.site.pages.names import Names


def process_diagram() -> str:
    nodes = list(STEP_NAMES.items())
    lines = ["```mermaid", "flowchart TD"]
    for i, (_, name) in enumerate(nodes):
        lines.append(f'    S{i}["{i + 1}. {mermaid_label(name)}"]')
    lines.append("    " + " --> ".join(f"S{i}" for i in range(len(nodes))))
    lines.append("```")
    return "\n".join(lines) + "\n"


def escalation_diagram(
    category: Category, severity: str, playbooks: PlaybookSet, names: Names
) -> str:
    """The path as a diagram (times on the arrows) followed by a table of the conditions."""
    path = category.escalation[severity]
    lines = ["```mermaid", "flowchart LR"]
    lines.append(f'    T0["{mermaid_label(names.tier.get(path.owner, path.owner))}（负责）"]')
    for i, step in enumerate(path.steps, start=1):
        label = mermaid_label(f"{step.after.label()}未解决")
        lines.append(f'    T{i}["{mermaid_label(names.tier.get(step.to, step.to))}"]')
        lines.append(f'    T{i - 1} -->|"{label}"| T{i}')
    lines.append("```")
    diagram = "\n".join(lines) + "\n"
    if not path.steps:
        return diagram + "\n全程由负责层级处理，不再升级。\n"
    rows = (
        (
            text(step.after.label()),
            tier_with_phone(step.to, playbooks, names, "../tiers.md"),
            text(step.when),
        )
        for step in path.steps
    )
    return diagram + "\n" + table(("收到投诉后仍未解决", "转给", "或立即升级的情形"), rows)
