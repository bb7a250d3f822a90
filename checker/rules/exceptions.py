"""The register of exceptions to the version rules (exceptions.yaml): in force, and about a
file that exists. Its shape (file, rules PB701–PB707, change, reason, approver, expiry) is the
schema's business; ``playbook diff`` applies the exceptions (``checker.diff.review``)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from checker.findings import Example, Finding, Rule, Severity
from checker.rules.context import RuleContext
from checker.rules.registry import rule


def _register(expires: str, file: str = "categories/product-quality.yaml") -> str:
    return (
        "kind: exceptions\n"
        "title: 版本号检查例外登记\n"
        "owner: 合规部\n"
        "exceptions:\n"
        f"  - file: {file}\n"
        "    rules: [PB702]\n"
        "    change: 紧急·重大 解决时限 3 → 4 个工作日，试点期间不升主版本\n"
        "    reason: 华东区三个月试点，结束后恢复或正式发布 2.0.0\n"
        "    approver: 合规部 李敏\n"
        f'    expires: "{expires}"\n'
    )


NOTE = "整个文件另存为手册文件夹中的 exceptions.yaml。"


@rule(
    "PB903",
    "exception-in-force",
    Severity.ERROR,
    "版本号检查例外登记中的每条例外都要在有效期内：过期的例外要删除，或重新批准后续期。",
    "例外是一次有期限的放行；过期后还留在登记里，审阅者会以为它仍然有效，版本号纪律就悄悄失效了。",
    good=(Example(_register("2027-02-28"), whole_file=True, file="exceptions.yaml", note=NOTE),),
    bad=(Example(_register("2025-12-31"), whole_file=True, file="exceptions.yaml", note=NOTE),),
)
def exception_in_force(r: Rule, context: RuleContext) -> Iterator[Finding]:
    register = context.playbooks.exceptions
    for entry in register.entries if register else ():
        if not entry.valid_on(context.today):
            yield r.on_value(
                entry.at.source,
                (*entry.at.pointer, "expires"),
                f"「{entry.file}」的例外（{'、'.join(sorted(entry.rules))}）已于 {entry.expires} 过期"
                f"（今天是 {context.today}）。",
                "删除这条例外；仍然需要时，请批准人重新批准，并改写 approver 和 expires。",
            )


@rule(
    "PB904",
    "exception-file-exists",
    Severity.ERROR,
    "版本号检查例外登记中的每条例外都要指向手册文件夹中存在的文件。",
    "写错文件名的例外放行不了任何东西，却让人以为那份手册已经获准例外。",
    good=(Example(_register("2027-02-28"), whole_file=True, file="exceptions.yaml", note=NOTE),),
    bad=(
        Example(
            _register("2027-02-28", "categories/quality.yaml"),
            whole_file=True,
            file="exceptions.yaml",
            note=NOTE,
        ),
    ),
    across_files=True,
)
def exception_file_exists(r: Rule, context: RuleContext) -> Iterator[Finding]:
    register = context.playbooks.exceptions
    if register is None:
        return
    files = {register.relative(path) for path in context.index.paths}
    for entry in register.entries:
        if entry.file not in files:
            near = difflib.get_close_matches(entry.file, sorted(files), n=1, cutoff=0)
            yield r.on_value(
                entry.at.source,
                (*entry.at.pointer, "file"),
                f"例外指向的文件「{entry.file}」不在手册文件夹中。",
                f"写相对于手册文件夹的路径，例如 {near[0] if near else 'categories/product-quality.yaml'}。",
            )
