"""References that must resolve, ids that must be unique, and the parts every set must have."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import PurePosixPath

from checker.findings import Example, Finding, Rule, Severity
from checker.model import At, PlaybookSet
from checker.model.vocabulary import SEVERITY_IDS, STEP_IDS, STEP_NAMES
from checker.rules.context import RuleContext
from checker.rules.registry import rule


def _finding(r: Rule, at: At, message: str, hint: str = "") -> Finding:
    return r.on_value(at.source, at.pointer, message, hint)


def _options(ids: list[str]) -> str:
    return "、".join(ids) if ids else "（无）"


@rule(
    "PB201",
    "references-resolve",
    Severity.ERROR,
    "引用的严重程度、层级、渠道、步骤、类别、客户类型、补救措施和分诊勾选项必须存在。",
    "拼错或已删除的标识会让升级无人接手、话术找不到渠道；网站上的链接也会失效。",
    good=(Example("escalation:\n  normal:\n    owner: agent\n"),),
    bad=(
        Example("escalation:\n  normal:\n    owner: agnet\n"),
        Example(
            "severity:\n  default: normal\n  triggers:\n"
            "    - {when: 第二次投诉, raise_to: major, signals: [repaet]}\n"
        ),
    ),
)
def references_resolve(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    policy = playbooks.policy
    if policy is None:
        return
    severities = [s.id for s in policy.severities]
    tiers = [t.id for t in policy.tiers]
    channels = [c.id for c in policy.channels]
    categories = [c.id for c in playbooks.categories]
    signals = [s.id for s in policy.signals]
    customer_types = (
        [t.id for t in playbooks.customer_types.types] if playbooks.customer_types else None
    )

    def check(value: str, known: list[str], what: str, at: At) -> Iterator[Finding]:
        if value not in known:
            yield _finding(
                r, at, f"{what}「{value}」不存在。", f"可用的{what}：{_options(known)}。"
            )

    for category in playbooks.categories:
        root = category.at
        yield from check(
            category.default_severity, severities, "严重程度", root.child("severity", "default")
        )
        for trigger in category.triggers:
            yield from check(trigger.raise_to, severities, "严重程度", trigger.at.child("raise_to"))
            for i, signal_id in enumerate(trigger.signals):
                yield from check(signal_id, signals, "分诊勾选项", trigger.at.child("signals", i))
        if category.emergency is not None and policy.duty is None:
            yield r.on_key(
                category.emergency.at.source,
                category.emergency.at.pointer,
                "紧急处置要求报告应急值守，但总则没有写应急值守（duty）。",
                "在 policy.yaml 中加上 duty：名称、分机和说明。",
            )
        for severity, limits in category.limits.items():
            yield from _key(r, severity, severities, "严重程度", limits.at)
        for severity, path in category.escalation.items():
            yield from _key(r, severity, severities, "严重程度", path.at)
            yield from check(path.owner, tiers, "层级", path.at.child("owner"))
            for escalation in path.steps:
                yield from check(escalation.to, tiers, "层级", escalation.at.child("to"))
        remedy_ids = [remedy.id for remedy in category.remedies]
        for step in category.procedure:
            yield from check(step.owner, tiers, "层级", step.at.child("owner"))
            for i, channel in enumerate(step.channels):
                yield from check(channel, channels, "渠道", step.at.child("channels", i))
            for channel, script in step.scripts.items():
                if channel not in channels:
                    yield r.on_key(
                        script.at.source,
                        script.at.pointer,
                        f"渠道「{channel}」不存在。",
                        f"可用的渠道：{_options(channels)}。",
                    )
            for i, remedy_id in enumerate(step.remedies):
                yield from check(remedy_id, remedy_ids, "补救措施", step.at.child("remedies", i))
        for remedy in category.remedies:
            yield from check(remedy.approver, tiers, "层级", remedy.at.child("approver"))
        for i, other in enumerate(category.related):
            yield from check(other, categories, "投诉类别", root.child("related", i))
        if customer_types is not None:
            for i, type_id in enumerate(category.customer_types):
                yield from check(
                    type_id, customer_types, "客户类型", root.child("customer_types", i)
                )
    for signal in policy.signals:
        if signal.raise_to:
            yield from check(signal.raise_to, severities, "严重程度", signal.at.child("raise_to"))
        if signal.category:
            yield from check(signal.category, categories, "投诉类别", signal.at.child("category"))
    for route in policy.routes:
        if route.category:
            yield from check(route.category, categories, "投诉类别", route.at.child("category"))
        if route.customer_type and customer_types is not None:
            yield from check(
                route.customer_type, customer_types, "客户类型", route.at.child("customer_type")
            )
        if route.signal:
            yield from check(route.signal, signals, "分诊勾选项", route.at.child("signal"))
    if playbooks.customer_types:
        for customer_type in playbooks.customer_types.types:
            for script in customer_type.scripts:
                if script.step:
                    step_at = At(script.at.source, (*script.at.pointer[:-1], "step"))
                    yield from check(script.step, list(STEP_IDS), "处理步骤", step_at)


def _key(r: Rule, key: str, known: list[str], what: str, at: At) -> Iterator[Finding]:
    if key not in known:
        yield r.on_key(
            at.source, at.pointer, f"{what}「{key}」不存在。", f"可用的{what}：{_options(known)}。"
        )


@rule(
    "PB202",
    "unique-ids",
    Severity.ERROR,
    "标识在各自范围内必须唯一：类别标识跨文件唯一，层级、渠道、补救措施等在文件内唯一。",
    "重复的标识会让引用指向不确定的对象，网站页面也会互相覆盖。",
    good=(
        Example(
            "remedies:\n  - {id: home-repair, title: 上门维修, kind: repair, approver: agent,"
            " conditions: 大件商品}\n"
        ),
    ),
    bad=(
        Example(
            "remedies:\n"
            "  - {id: free-repair, title: 免费维修, kind: repair, approver: agent, conditions: 保修期内}\n"
            "  - {id: free-repair, title: 上门维修, kind: repair, approver: agent, conditions: 大件商品}\n",
            lists="replace",
        ),
    ),
)
def unique_ids(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    # (what, [(value, owner's location)]): the id field's location is built only for duplicates
    groups: list[tuple[str, str, list[tuple[str, At]]]] = [
        ("类别标识", "id", [(c.id, c.at) for c in playbooks.categories])
    ]
    if playbooks.policy:
        p = playbooks.policy
        groups += [
            ("严重程度标识", "id", [(s.id, s.at) for s in p.severities]),
            ("层级标识", "id", [(t.id, t.at) for t in p.tiers]),
            ("渠道标识", "id", [(c.id, c.at) for c in p.channels]),
            ("记录字段标识", "id", [(f.id, f.at) for f in p.record_fields]),
            ("监管上限标识", "id", [(c.id, c.at) for c in p.ceilings]),
            ("占位符名称", "name", [(x.name, x.at) for x in p.placeholders]),
        ]
    for category in playbooks.categories:
        groups.append(("补救措施标识", "id", [(m.id, m.at) for m in category.remedies]))
        groups.append(("步骤标识", "id", [(s.id, s.at) for s in category.procedure]))
    if playbooks.customer_types:
        groups.append(
            ("客户类型标识", "id", [(t.id, t.at) for t in playbooks.customer_types.types])
        )
    for what, field, items in groups:
        first: dict[str, At] = {}
        for value, at in items:
            if value not in first:
                first[value] = at
                continue
            earlier = first[value]
            line, _ = earlier.source.position((*earlier.pointer, field))
            yield _finding(
                r,
                at.child(field),
                f"{what}「{value}」重复：{earlier.source.path} 第 {line} 行已经用过。",
                "改成一个新的标识，或合并两处内容。",
            )


@rule(
    "PB203",
    "id-matches-file-name",
    Severity.ERROR,
    "类别文件的 id 必须与文件名一致，例如 categories/product-quality.yaml 的 id 是 product-quality。",
    "网站页面地址和 YAML 源文件链接都按 id 生成；文件名与 id 不一致时，审阅者找不到对应的文件。",
    good=(Example("id: product-quality\n"),),
    bad=(Example("id: quality\n"),),
)
def id_matches_file_name(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    for category in playbooks.categories:
        stem = PurePosixPath(category.at.source.path).stem
        if category.id != stem:
            yield _finding(
                r,
                category.at.child("id"),
                f"类别标识「{category.id}」与文件名「{stem}」不一致。",
                f"把 id 改成 {stem}，或把文件改名为 {category.id}.yaml。",
            )


@rule(
    "PB204",
    "complete-coverage",
    Severity.ERROR,
    "总则必须定义 normal、major、critical 三个严重程度；每个类别必须为每个严重程度给出时限和升级路径。",
    "缺了某个等级的时限或升级路径，遇到这一等级的投诉时一线员工就无章可循。",
    good=(Example('limits:\n  major:\n    resolution: "5 working days"\n'),),
    bad=(
        Example(
            "escalation:\n  critical: null\n",
            note="示例测试会删掉值为 null 的键，这里表示删除 critical 的升级路径。",
        ),
    ),
)
def complete_coverage(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    policy = playbooks.policy
    if policy is None:
        return
    defined = [s.id for s in policy.severities]
    if defined != list(SEVERITY_IDS):
        yield _finding(
            r,
            policy.header.at.child("severities"),
            f"严重程度应依次为 normal、major、critical，这里是 {_options(defined)}。",
            "严重程度的标识和顺序是全手册共用的约定，不要增删或调换。",
        )
    for category in playbooks.categories:
        for field, title in (("limits", "时限"), ("escalation", "升级路径")):
            present = category.limits if field == "limits" else category.escalation
            missing = [s for s in defined if s not in present]
            if missing:
                yield r.on_key(
                    category.at.source,
                    (field,),
                    f"缺少严重程度 {_options(missing)} 的{title}。",
                    f"在 {field} 下为每个严重程度各写一段。",
                )


_STEP_TITLES = tuple(STEP_NAMES.items())


def _procedure(steps: tuple[tuple[str, str], ...]) -> str:
    lines = "".join(
        f"  - {{id: {i}, title: {t}, owner: agent, actions: [{t}], channels: []}}\n"
        for i, t in steps
    )
    return "procedure:\n" + lines


@rule(
    "PB205",
    "procedure-steps",
    Severity.ERROR,
    "处理步骤必须包含" + "、".join(STEP_NAMES.values()) + "八步，并按此顺序排列。",
    "这是投诉处理的完整闭环；漏掉回访或归档，同样的问题就会再次发生。",
    good=(Example(_procedure(_STEP_TITLES), lists="replace"),),
    bad=(
        Example(
            _procedure((*_STEP_TITLES[:5], _STEP_TITLES[6], _STEP_TITLES[5])),
            lists="replace",
            note=f"{STEP_NAMES['execute']}排在回访之后，且缺少{STEP_NAMES['archive']}。",
        ),
    ),
)
def procedure_steps(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    for category in playbooks.categories:
        ids = [step.id for step in category.procedure]
        missing = [s for s in STEP_IDS if s not in ids]
        if missing:
            yield r.on_key(
                category.at.source,
                ("procedure",),
                f"处理步骤缺少 {_options(missing)}。",
                "按 receive、assess、investigate、propose、communicate、execute、follow-up、archive 的顺序补齐。",
            )
        order = [STEP_IDS.index(s) for s in ids if s in STEP_IDS]
        for step, (before, now) in zip(
            category.procedure[1:], itertools.pairwise(order), strict=False
        ):
            if now < before:
                yield _finding(
                    r,
                    step.at.child("id"),
                    f"步骤「{step.id}」的位置不对：它应排在前一步之前。",
                    "按 receive、assess、investigate、propose、communicate、execute、follow-up、archive 的顺序排列。",
                )


@rule(
    "PB206",
    "policy-present",
    Severity.ERROR,
    "检查类别或客户类型时，必须同时有一份有效的总则（kind: policy）。",
    "层级、渠道、禁用语和监管上限都在总则里定义；没有总则，大部分规则无法判断。",
    good=(Example("kind: policy\n", target="policy"),),
    bad=(
        Example(
            "kind: category\n", target="policy", whole_file=True, note="把总则替换成了别的内容。"
        ),
    ),
)
def policy_present(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    if playbooks.policy is not None or not (playbooks.categories or playbooks.customer_types):
        return
    if playbooks.categories:
        first = playbooks.categories[0].at
    else:
        assert playbooks.customer_types is not None  # checked above: one of the two exists
        first = playbooks.customer_types.header.at
    policies = [h for h in playbooks.headers if h.kind == "policy"]
    note = (
        "总则文件本身有错误，先修正它。"
        if policies or _has_policy_file(playbooks)
        else "在 playbooks/ 下添加 policy.yaml。"
    )
    yield r.at(
        first.source, 1, 1, "没有找到有效的总则（policy.yaml），无法检查引用、权限和禁用语。", note
    )


def _has_policy_file(playbooks: PlaybookSet) -> bool:
    return any(PurePosixPath(s.path).name == "policy.yaml" for s in playbooks.sources)
