"""Changes of the policy (policy.yaml): severities, tiers and their authority, channels,
guidance, forbidden phrases, colloquial terms, placeholders, record fields and regulatory
ceilings."""

from __future__ import annotations

from collections.abc import Sequence

from checker.diff.pairing import pair_items
from checker.diff.recorder import (
    ADDED,
    LOOSENED,
    REMOVED,
    TIGHTENED,
    ChangeRecorder,
    field_at,
    item_at,
)
from checker.model import At, Guidance, Policy, RegulatoryCeiling, Route
from checker.model.vocabulary import METRIC_TITLES, REMEDY_KIND_NAMES

GUIDANCE = (
    ("principles", "principle", "处理原则"),
    ("techniques", "technique", "沟通技巧"),
    ("mistakes", "mistake", "常见错误"),
    ("dispute_resolution", "dispute-route", "争议解决途径"),
    ("improvement", "improvement", "持续改进做法"),
)
CERTAINTY = {"verified": "已核对原文", "secondary": "二手资料", "uncertain": "待核实"}


def compare_policy(rec: ChangeRecorder, base: Policy, head: Policy) -> None:
    rec.header(base.header, head.header)
    root_b, root_h = base.header.at, head.header.at
    rec.text(
        "purpose",
        "手册目的",
        base.purpose,
        head.purpose,
        root_b.child("purpose"),
        root_h.child("purpose"),
    )
    _severities(rec, base, head)
    _tiers(rec, base, head)
    _channels(rec, base, head)
    for field, kind, name in GUIDANCE:
        _guidance(
            rec, kind, name, getattr(base, field), getattr(head, field), root_b, root_h, field
        )
    _forbidden_phrases(rec, base, head)
    _colloquial_terms(rec, base, head)
    _placeholders(rec, base, head)
    _record_fields(rec, base, head)
    _ceilings(rec, base, head)
    _triage(rec, base, head)


def _order(
    rec: ChangeRecorder,
    kind: str,
    subject: str,
    old: Sequence[str],
    new: Sequence[str],
    title: dict[str, str],
    at: At,
) -> None:
    """The ladder itself reordered (ids on both sides, in a different order)."""
    common = set(old) & set(new)
    before = [i for i in old if i in common]
    after = [i for i in new if i in common]
    if before != after:
        rec.undirected(
            kind,
            subject,
            " < ".join(title.get(i, i) for i in before),
            " < ".join(title.get(i, i) for i in after),
            at,
        )


def _severities(rec: ChangeRecorder, base: Policy, head: Policy) -> None:
    for old, new in rec.items(
        base.severities,
        head.severities,
        lambda s: s.id,
        "severity",
        "严重程度",
        REMOVED,
        ADDED,
        "title",
    ):
        name = f"严重程度「{new.title}」"
        rec.fields(
            name,
            old,
            new,
            (
                ("title", "severity-title", "名称"),
                ("definition", "severity-definition", "定义"),
            ),
        )
        rec.amount(
            "severity-amount",
            f"{name}的金额门槛",
            old.amount_over,
            new.amount_over,
            field_at(old.at, "amount_over"),
            field_at(new.at, "amount_over"),
        )
        rec.texts(
            "severity-factor",
            f"{name}的判定因素",
            old.factors,
            new.factors,
            old.at.child("factors"),
            new.at.child("factors"),
            obligation=False,
        )
        rec.texts(
            "severity-example",
            f"{name}的示例",
            old.examples,
            new.examples,
            old.at.child("examples"),
            new.at.child("examples"),
            obligation=False,
        )
    _order(
        rec,
        "severity-order",
        "严重程度的高低顺序",
        [s.id for s in base.severities],
        [s.id for s in head.severities],
        rec.words.severity_titles,
        head.header.at.child("severities"),
    )


def _tiers(rec: ChangeRecorder, base: Policy, head: Policy) -> None:
    for old, new in rec.items(
        base.tiers, head.tiers, lambda t: t.id, "tier", "升级层级", REMOVED, ADDED, "title"
    ):
        name = f"层级「{new.title}」"
        authority_b, authority_h = old.at.child("authority"), new.at.child("authority")
        rec.fields(
            name,
            old,
            new,
            (
                ("title", "tier-title", "名称"),
                ("role", "tier-role", "职责"),
                ("contact", "tier-contact", "联系方式"),
            ),
        )
        rec.undirected(
            "tier-phone", f"{name}的分机", old.phone, new.phone, field_at(new.at, "phone")
        )
        rec.text(
            "tier-notes",
            f"{name}的权限说明",
            old.notes,
            new.notes,
            authority_b.child("notes"),
            authority_h.child("notes"),
        )
        rec.amount(
            "tier-max-amount",
            f"{name}的审批金额上限",
            old.max_amount,
            new.max_amount,
            authority_b.child("max_amount"),
            authority_h.child("max_amount"),
        )
        kinds = f"{name}可批准的补救类型"
        for kind in sorted(old.remedy_kinds - new.remedy_kinds):
            at = item_at(authority_b.child("remedy_kinds"), kind)
            rec.removed(TIGHTENED, "tier-remedy-kind", kinds, REMEDY_KIND_NAMES.get(kind, kind), at)
        for kind in sorted(new.remedy_kinds - old.remedy_kinds):
            at = item_at(authority_h.child("remedy_kinds"), kind)
            rec.added(LOOSENED, "tier-remedy-kind", kinds, REMEDY_KIND_NAMES.get(kind, kind), at)
    _order(
        rec,
        "tier-order",
        "升级层级的高低顺序",
        [t.id for t in base.tiers],
        [t.id for t in head.tiers],
        rec.words.tier_titles,
        head.header.at.child("tiers"),
    )


def _channels(rec: ChangeRecorder, base: Policy, head: Policy) -> None:
    for old, new in rec.items(
        base.channels, head.channels, lambda c: c.id, "channel", "受理渠道", REMOVED, ADDED, "title"
    ):
        name = f"渠道「{new.title}」"
        rec.fields(name, old, new, (("title", "channel-title", "名称"),))
        rec.flag(
            "channel-realtime",
            f"{name}是否实时应答",
            old.realtime,
            new.realtime,
            field_at(new.at, "realtime"),
            on="实时",
            off="非实时",
            loosened_when_on=False,
        )
        rec.texts(
            "channel-handling",
            f"{name}的处理要求",
            old.handling,
            new.handling,
            old.at.child("handling"),
            new.at.child("handling"),
            obligation=True,
        )


def _guidance(
    rec: ChangeRecorder,
    kind: str,
    name: str,
    old_items: Sequence[Guidance],
    new_items: Sequence[Guidance],
    root_b: At,
    root_h: At,
    field: str,
) -> None:
    pairing = pair_items(old_items, new_items, key=lambda g: g.title, text=lambda g: g.title)
    for _, old in pairing.removed:
        rec.removed(REMOVED, kind, name, old.title, old.at)
    for _, new in pairing.added:
        rec.added(ADDED, kind, name, new.title, new.at)
    for (_, old), (_, new) in pairing.pairs:
        rec.text(
            f"{kind}-title",
            f"{name}的标题",
            old.title,
            new.title,
            old.at.child("title"),
            new.at.child("title"),
        )
        rec.text(
            f"{kind}-description",
            f"{name}「{new.title}」的说明",
            old.description,
            new.description,
            old.at.child("description"),
            new.at.child("description"),
        )
        rec.text(
            f"{kind}-example",
            f"{name}「{new.title}」的示例",
            old.example,
            new.example,
            old.at.child("example"),
            new.at.child("example"),
        )


def _forbidden_phrases(rec: ChangeRecorder, base: Policy, head: Policy) -> None:
    pairing = pair_items(
        base.forbidden_phrases,
        head.forbidden_phrases,
        key=lambda f: f.phrase,
        text=lambda f: f.phrase,
    )
    for _, old in pairing.removed:
        rec.removed(LOOSENED, "forbidden-phrase", "禁用语", old.phrase, old.at)
    for _, new in pairing.added:
        rec.added(TIGHTENED, "forbidden-phrase", "禁用语", new.phrase, new.at)
    for (_, old), (_, new) in pairing.pairs:
        rec.text(
            "forbidden-phrase",
            "禁用语",
            old.phrase,
            new.phrase,
            old.at.child("phrase"),
            new.at.child("phrase"),
        )
        name = f"禁用语「{new.phrase}」"
        rec.fields(
            name,
            old,
            new,
            (
                ("reason", "forbidden-phrase-reason", "原因"),
                ("instead", "forbidden-phrase-instead", "替代说法"),
            ),
        )


def _colloquial_terms(rec: ChangeRecorder, base: Policy, head: Policy) -> None:
    """口语与术语: search vocabulary, neither looser nor tighter (added / removed / reworded)."""
    pairing = pair_items(
        base.colloquial_terms, head.colloquial_terms, key=lambda c: c.term, text=lambda c: c.term
    )
    for _, old in pairing.removed:
        rec.removed(REMOVED, "colloquial-term", "口语与术语", old.term, old.at)
    for _, new in pairing.added:
        rec.added(ADDED, "colloquial-term", "口语与术语", new.term, new.at)
    for (_, old), (_, new) in pairing.pairs:
        rec.text(
            "colloquial-term",
            "术语",
            old.term,
            new.term,
            old.at.child("term"),
            new.at.child("term"),
        )
        rec.texts(
            "colloquial-word",
            f"术语「{new.term}」的口语说法",
            old.words,
            new.words,
            old.at.child("words"),
            new.at.child("words"),
            obligation=False,
        )


def _placeholders(rec: ChangeRecorder, base: Policy, head: Policy) -> None:
    pairing = pair_items(
        base.placeholders, head.placeholders, key=lambda p: p.name, text=lambda p: p.name
    )
    for _, old in pairing.removed:
        rec.removed(REMOVED, "placeholder", "占位符", f"{{{old.name}}}", old.at)
    for _, new in pairing.added:
        rec.added(ADDED, "placeholder", "占位符", f"{{{new.name}}}", new.at)
    for (_, old), (_, new) in pairing.pairs:
        rec.text(
            "placeholder-name",
            "占位符",
            f"{{{old.name}}}",
            f"{{{new.name}}}",
            old.at.child("name"),
            new.at.child("name"),
        )
        rec.text(
            "placeholder-description",
            f"占位符「{{{new.name}}}」的说明",
            old.description,
            new.description,
            old.at.child("description"),
            new.at.child("description"),
        )


def _record_fields(rec: ChangeRecorder, base: Policy, head: Policy) -> None:
    for old, new in rec.items(
        base.record_fields,
        head.record_fields,
        lambda r: r.id,
        "record-field",
        "投诉记录字段",
        LOOSENED,
        TIGHTENED,
        "title",
    ):
        rec.text(
            "record-field-title",
            "投诉记录字段的名称",
            old.title,
            new.title,
            old.at.child("title"),
            new.at.child("title"),
        )
        rec.text(
            "record-field-description",
            f"投诉记录字段「{new.title}」的说明",
            old.description,
            new.description,
            old.at.child("description"),
            new.at.child("description"),
        )


def _scope(ceiling: RegulatoryCeiling) -> str:
    if ceiling.applies_to.startswith("remedy:"):
        kind = ceiling.applies_to.split(":", 1)[1]
        return f"补救措施（{REMEDY_KIND_NAMES.get(kind, kind)}）的执行时限"
    return METRIC_TITLES.get(ceiling.applies_to, ceiling.applies_to)


def _ceilings(rec: ChangeRecorder, base: Policy, head: Policy) -> None:
    pairing = pair_items(base.ceilings, head.ceilings, key=lambda c: c.id)
    for _, old in pairing.removed:
        rec.removed(
            LOOSENED,
            "ceiling",
            "监管时限上限",
            f"{old.title}（{_scope(old)} ≤ {old.limit.label()}）",
            old.at,
        )
    for _, new in pairing.added:
        rec.added(
            TIGHTENED,
            "ceiling",
            "监管时限上限",
            f"{new.title}（{_scope(new)} ≤ {new.limit.label()}）",
            new.at,
        )
    for (_, old), (_, new) in pairing.pairs:
        name = f"监管上限「{new.title}」"
        rec.duration(
            "ceiling-limit",
            name,
            old.limit,
            new.limit,
            old.at.child("limit"),
            new.at.child("limit"),
        )
        rec.undirected(
            "ceiling-scope",
            f"{name}的适用范围",
            _scope(old),
            _scope(new),
            new.at.child("applies_to"),
        )
        for field, what in (("title", "名称"), ("citation", "出处"), ("note", "说明")):
            rec.text(
                f"ceiling-{field}",
                f"{name}的{what}",
                getattr(old, field),
                getattr(new, field),
                old.at.child(field),
                new.at.child(field),
            )
        rec.text(
            "ceiling-certainty",
            f"{name}的出处可靠程度",
            CERTAINTY.get(old.certainty, old.certainty),
            CERTAINTY.get(new.certainty, new.certainty),
            old.at.child("certainty"),
            new.at.child("certainty"),
        )


def _triage(rec: ChangeRecorder, base: Policy, head: Policy) -> None:
    """The duty line, the triage signals and the home page's routes (what staff reach first)."""
    old_duty, new_duty = base.duty, head.duty
    if old_duty is None and new_duty is not None:
        rec.added(TIGHTENED, "duty", "应急值守", f"{new_duty.title} {new_duty.phone}", new_duty.at)
    elif new_duty is None and old_duty is not None:
        rec.removed(LOOSENED, "duty", "应急值守", f"{old_duty.title} {old_duty.phone}", old_duty.at)
    elif old_duty is not None and new_duty is not None:
        fields = (("title", "duty-title", "名称"), ("description", "duty-description", "说明"))
        rec.fields("应急值守", old_duty, new_duty, fields)
        rec.undirected(
            "duty-phone",
            "应急值守的分机",
            old_duty.phone,
            new_duty.phone,
            new_duty.at.child("phone"),
        )
    for old, new in rec.items(
        base.signals, head.signals, lambda s: s.id, "signal", "分诊勾选项", REMOVED, ADDED, "title"
    ):
        name = f"分诊勾选项「{new.title}」"
        rec.fields(name, old, new, (("title", "signal-title", "文字"),))
        if old.raise_to and new.raise_to:
            rec.rank(
                "signal-level",
                f"{name}至少提高到的等级",
                old.raise_to,
                new.raise_to,
                rec.words.severity_ranks,
                rec.words.severity,
                new.at.child("raise_to"),
            )
        else:
            rec.undirected(
                "signal-level",
                f"{name}至少提高到的等级",
                old.raise_to,
                new.raise_to,
                field_at(new.at, "raise_to"),
            )
        rec.undirected(
            "signal-category",
            f"{name}归入的类别",
            old.category,
            new.category,
            field_at(new.at, "category"),
        )
    for old_route, new_route in rec.items(
        base.routes,
        head.routes,
        lambda r: r.title,
        "route",
        "首页快捷入口",
        REMOVED,
        ADDED,
        "title",
    ):
        name = f"首页快捷入口「{new_route.title}」"
        rec.fields(name, old_route, new_route, (("hint", "route-hint", "提示"),))
        rec.undirected(
            "route-target",
            f"{name}打开的内容",
            _target(old_route),
            _target(new_route),
            new_route.at,
        )


def _target(route: Route) -> str:
    kind, target = route.target
    words = {"category": "类别", "customer_type": "客户类型", "signal": "分诊勾选", "page": "页面"}
    return f"{words[kind]} {target}"
