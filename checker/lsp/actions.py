"""The quick fix: suppress a finding in place, with a placeholder where the reason goes.

The placeholder is ``REASON_PLACEHOLDER`` (请写明原因), which the checker does not accept as a
reason (PB901): the suppression takes effect only once someone writes the real one.
"""

from __future__ import annotations

import re

from lsprotocol import types

from checker.findings import Stage, family_of
from checker.lsp.diagnostics import SOURCE
from checker.lsp.positions import Positions
from checker.pipeline.suppressions import REASON_PLACEHOLDER

_SUPPRESSION_ALONE = re.compile(r"^\s*#\s*playbook:\s*disable=PB\d{3}", re.IGNORECASE)


def suppressible(code: str) -> bool:
    """Only the business rules' findings: a file that cannot be read (PB0xx) or does not fit
    its schema (PB1xx) is left out of the model, so suppressing that would hide the file, not
    make an exception; and suppressions (PB9xx) are not suppressed by more suppressions."""
    family = family_of(code)
    return family is not None and family.stage is Stage.MODEL


def suppression_action(
    uri: str, positions: Positions, diagnostic: types.Diagnostic
) -> types.CodeAction | None:
    """Insert ``# playbook: disable=PBxxx 请写明原因`` alone on the line above the finding,
    indented like it. When that line is already a suppression comment (which applies to the
    finding's line), the new one goes at the end of the finding's line instead."""
    code = str(diagnostic.code or "")
    if diagnostic.source != SOURCE or not suppressible(code):
        return None
    line = diagnostic.range.start.line
    text = positions.line(line)
    comment = f"# playbook: disable={code} {REASON_PLACEHOLDER}"
    if _SUPPRESSION_ALONE.match(positions.line(line - 1)):
        if "#" in text:
            return None
        end = len(text.rstrip())
        at = positions.to_client(line, end)
        edit = types.TextEdit(types.Range(at, positions.to_client(line, len(text))), f"  {comment}")
    else:
        indent = text[: len(text) - len(text.lstrip(" "))]
        at = types.Position(line, 0)  # column 0 is the same in every encoding
        edit = types.TextEdit(types.Range(at, at), f"{indent}{comment}\n")
    return types.CodeAction(
        title=f"用注释抑制 {code}（再把“{REASON_PLACEHOLDER}”改成真实的原因）",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )
