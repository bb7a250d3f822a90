"""变更类型: every change ``playbook diff`` can report (``checker.diff.catalogue``), by class,
for compliance reviewers reading a pull request's report."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from checker.diff.catalogue import ChangeType
from checker.markup.escape import code_span
from checker.site.markdown import table, text


def change_types_page(types: Sequence[ChangeType]) -> str:
    """The catalogue as tables, one per class in report order (loosened first)."""
    ordered = sorted(types, key=lambda t: (t.level.rank, t.id))
    classes = [(level, list(group)) for level, group in groupby(ordered, key=lambda t: t.level)]
    parts = [
        "# 变更类型",
        "",
        "`playbook diff` 报告的每一处变更都属于下面的一种类型：标识固定（文本报告中写在分类之后，"
        "JSON 报告的 `id` 字段），分类也固定。报告按分类排列，放宽的排在最前面。看不出方向的改动"
        "一律按放宽报告，保证有人审。审阅方法见[合规审阅指南](guides/compliance-review.md)。",
        "",
        table(
            ("分类", "含义", "类型数"),
            (
                (f"[{text(level.label)}](#{level.value})", text(level.meaning), str(len(group)))
                for level, group in classes
            ),
        ),
    ]
    for level, group in classes:
        parts += [
            f"## {text(level.label)} {{#{level.value}}}",
            "",
            text(level.meaning),
            "",
            table(
                ("标识", "说明", "出现在"),
                (
                    (code_span(t.id), text(t.description), "；".join(text(w) for w in t.where))
                    for t in group
                ),
            ),
        ]
    return "\n".join(parts)
