"""Scripts: no forbidden phrase, only declared placeholders, one for every channel a step needs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.findings import Example, Finding, Rule, Severity
from checker.rules.context import RuleContext
from checker.rules.registry import rule

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@rule(
    "PB501",
    "no-forbidden-phrases",
    Severity.ERROR,
    "话术不得包含总则中列出的禁用语。",
    "推诿、指责、敷衍的说法会激化矛盾；禁用语在总则里统一维护，检查器在每一条话术里查找。",
    good=(
        Example(
            'procedure:\n  - id: receive\n    scripts:\n      phone: "这件事由我来跟进，请放心。"\n'
        ),
    ),
    bad=(
        Example(
            'procedure:\n  - id: receive\n    scripts:\n      phone: "这不归我管，您找售后吧。"\n'
        ),
    ),
)
def no_forbidden_phrases(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    if playbooks.policy is None:
        return
    phrases = playbooks.policy.forbidden_phrases
    for script in playbooks.all_scripts():
        for phrase in phrases:
            if phrase.phrase in script.text:
                hint = f"原因：{phrase.reason.rstrip('。')}。"
                if phrase.instead:
                    hint += f"可以改说：{phrase.instead}"
                yield r.on_value(
                    script.at.source,
                    script.at.pointer,
                    f"话术包含禁用语「{phrase.phrase}」。",
                    hint,
                )


@rule(
    "PB502",
    "declared-placeholders",
    Severity.ERROR,
    "话术中的占位符 {名称} 必须在总则的 placeholders 中声明，花括号必须成对。",
    "拼错的占位符不会被系统替换，客户会直接看到“{客户名}”这样的文字。",
    good=(
        Example(
            'procedure:\n  - id: receive\n    scripts:\n      phone: "{称呼}您好，工单号是{工单号}。"\n'
        ),
    ),
    bad=(
        Example(
            'procedure:\n  - id: receive\n    scripts:\n      phone: "{客户名}您好，工单号是{工单号}。"\n'
        ),
    ),
)
def declared_placeholders(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    if playbooks.policy is None:
        return
    declared = [p.name for p in playbooks.policy.placeholders]
    for script in playbooks.all_scripts():
        for name in _PLACEHOLDER.findall(script.text):
            if name not in declared:
                yield r.on_value(
                    script.at.source,
                    script.at.pointer,
                    f"占位符「{{{name}}}」没有在总则中声明。",
                    f"可用的占位符：{'、'.join('{' + d + '}' for d in declared)}；"
                    "或在 policy.yaml 的 placeholders 中新增。",
                )
        if _PLACEHOLDER.sub("", script.text).count("{") or _PLACEHOLDER.sub("", script.text).count(
            "}"
        ):
            yield r.on_value(
                script.at.source,
                script.at.pointer,
                "话术里的花括号没有成对。",
                "占位符写成 {名称}；如果不是占位符，请去掉花括号。",
            )


@rule(
    "PB503",
    "scripts-for-channels",
    Severity.ERROR,
    "步骤列出的每个渠道都必须有话术；没有列出的渠道不应有话术。",
    "员工在某个渠道上找不到该说的话，就只能临场发挥；多出来的话术则说明渠道列表漏写了。",
    good=(Example("procedure:\n  - id: receive\n    channels: [phone, email]\n"),),
    bad=(Example("procedure:\n  - id: receive\n    channels: [phone, email, wechat]\n"),),
)
def scripts_for_channels(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    channel_titles = {c.id: c.title for c in playbooks.policy.channels} if playbooks.policy else {}
    for category in playbooks.categories:
        for step in category.procedure:
            for i, channel in enumerate(step.channels):
                if channel not in step.scripts:
                    yield r.on_value(
                        step.at.source,
                        (*step.at.pointer, "channels", i),
                        f"步骤「{step.title}」需要在「{channel_titles.get(channel, channel)}」渠道使用，"
                        "但没有这个渠道的话术。",
                        f"在 scripts 下加上 {channel}: 对应的话术。",
                    )
            for channel, script in step.scripts.items():
                if channel not in step.channels:
                    yield r.on_key(
                        script.at.source,
                        script.at.pointer,
                        f"步骤「{step.title}」有「{channel}」渠道的话术，但 channels 中没有列出它。",
                        f"把 {channel} 加进 channels，或删除这条话术。",
                    )
