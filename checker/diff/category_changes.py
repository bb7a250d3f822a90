"""Changes of one complaint category: recognition, severity, limits, escalation, the handling
procedure with its scripts, remedies, evidence and legal triggers."""

from __future__ import annotations

from checker.diff.pairing import pair_items
from checker.diff.recorder import (
    ADDED,
    LOOSENED,
    REMOVED,
    TIGHTENED,
    ChangeRecorder,
    field_at,
)
from checker.model import (
    Category,
    EscalationPath,
    ProcedureStep,
    Remedy,
    ResponseLimits,
    SeverityTrigger,
)
from checker.model.vocabulary import LIMIT_METRICS, METRIC_TITLES, REMEDY_KIND_NAMES


def compare_category(rec: ChangeRecorder, base: Category, head: Category) -> None:
    rec.header(base.header, head.header)
    root_b, root_h = base.at, head.at
    rec.text(
        "summary",
        "摘要",
        base.summary,
        head.summary,
        root_b.child("summary"),
        root_h.child("summary"),
    )
    for field, kind, name in (
        ("cases", "case", "典型案例"),
        ("recognition", "recognition", "识别要点"),
        ("keywords", "keyword", "搜索关键词"),
    ):
        rec.texts(
            kind,
            name,
            getattr(base, field),
            getattr(head, field),
            root_b.child(field),
            root_h.child(field),
            obligation=False,
        )
    rec.references(
        "related",
        "相关类别",
        base.related,
        head.related,
        root_b.child("related"),
        root_h.child("related"),
        REMOVED,
        ADDED,
    )
    rec.references(
        "customer-type-ref",
        "常见客户类型",
        base.customer_types,
        head.customer_types,
        root_b.child("customer_types"),
        root_h.child("customer_types"),
        REMOVED,
        ADDED,
    )
    _severity(rec, base, head)
    _emergency(rec, base, head)
    _limits(rec, base, head)
    _escalation(rec, base, head)
    _procedure(rec, base, head)
    _remedies(rec, base, head)
    rec.texts(
        "evidence",
        "证据清单",
        base.evidence,
        head.evidence,
        root_b.child("evidence"),
        root_h.child("evidence"),
        obligation=True,
    )
    legal_b, legal_h = root_b.child("legal"), root_h.child("legal")
    rec.texts(
        "legal-trigger",
        "需要法务介入的情形",
        base.legal_involve_when,
        head.legal_involve_when,
        legal_b.child("involve_when"),
        legal_h.child("involve_when"),
        obligation=True,
    )
    rec.text(
        "legal-notes",
        "法务说明",
        base.legal_notes,
        head.legal_notes,
        legal_b.child("notes"),
        legal_h.child("notes"),
    )


def _severity(rec: ChangeRecorder, base: Category, head: Category) -> None:
    words = rec.words
    rec.rank(
        "default-severity",
        "默认严重程度",
        base.default_severity,
        head.default_severity,
        words.severity_ranks,
        words.severity,
        head.at.child("severity", "default"),
    )
    pairing = pair_items(base.triggers, head.triggers, key=lambda t: t.when, text=lambda t: t.when)
    for _, old in pairing.removed:
        rec.removed(
            LOOSENED,
            "severity-trigger",
            "严重程度升级条件",
            f"{old.when}（升为{words.severity(old.raise_to)}）",
            old.at,
        )
    for _, new in pairing.added:
        rec.added(
            TIGHTENED,
            "severity-trigger",
            "严重程度升级条件",
            f"{new.when}（升为{words.severity(new.raise_to)}）",
            new.at,
        )
    for (_, old), (_, new) in pairing.pairs:
        rec.text(
            "severity-trigger",
            "严重程度升级条件",
            old.when,
            new.when,
            old.at.child("when"),
            new.at.child("when"),
        )
        rec.rank(
            "severity-trigger-level",
            f"升级条件「{new.when}」的目标等级",
            old.raise_to,
            new.raise_to,
            words.severity_ranks,
            words.severity,
            new.at.child("raise_to"),
        )
        _trigger_conditions(rec, old, new)


def _trigger_conditions(rec: ChangeRecorder, old: SeverityTrigger, new: SeverityTrigger) -> None:
    """The triage form of a trigger: a signal more (or a lower amount) makes it hold more
    often, i.e. tightened."""
    subject = f"升级条件「{new.when}」"
    rec.references(
        "severity-trigger-signal",
        f"{subject}的分诊勾选项",
        old.signals,
        new.signals,
        old.at.child("signals"),
        new.at.child("signals"),
        LOOSENED,
        TIGHTENED,
    )
    rec.amount(
        "severity-trigger-amount",
        f"{subject}的金额门槛",
        old.amount_over,
        new.amount_over,
        field_at(old.at, "amount_over"),
        field_at(new.at, "amount_over"),
    )


def _emergency(rec: ChangeRecorder, base: Category, head: Category) -> None:
    """What staff do first on a dangerous call: every action is an obligation."""
    old, new = base.emergency, head.emergency
    subject = "紧急处置"
    if old is None and new is not None:
        rec.added(TIGHTENED, "emergency", subject, "；".join(new.actions), new.at)
    elif new is None and old is not None:
        rec.removed(LOOSENED, "emergency", subject, "；".join(old.actions), old.at)
    elif old is not None and new is not None:
        rec.texts(
            "emergency-action",
            f"{subject}的动作",
            old.actions,
            new.actions,
            old.at.child("actions"),
            new.at.child("actions"),
            obligation=True,
        )
        rec.duration(
            "emergency-report",
            f"{subject}的报告时限",
            old.report_within,
            new.report_within,
            old.at.child("report_within"),
            new.at.child("report_within"),
        )


def _by_severity(rec: ChangeRecorder, base: dict, head: dict) -> list[str]:
    ranks = rec.words.severity_ranks
    return sorted(set(base) | set(head), key=lambda s: (ranks.get(s, len(ranks)), s))


def _limits(rec: ChangeRecorder, base: Category, head: Category) -> None:
    for severity in _by_severity(rec, dict(base.limits), dict(head.limits)):
        title = rec.words.severity(severity)
        old, new = base.limits.get(severity), head.limits.get(severity)
        if new is None and old is not None:
            rec.removed(LOOSENED, "limits", f"{title}的全部时限", _limit_summary(old), old.at)
        elif old is None and new is not None:
            rec.added(TIGHTENED, "limits", f"{title}的全部时限", _limit_summary(new), new.at)
        elif old is not None and new is not None:
            for metric in LIMIT_METRICS:
                before, after = old.metric(metric), new.metric(metric)
                rec.duration(
                    "limit",
                    f"{title} {METRIC_TITLES[metric]}",
                    before.duration,
                    after.duration,
                    before.at,
                    after.at,
                )


def _limit_summary(limits: ResponseLimits) -> str:
    return "，".join(
        f"{METRIC_TITLES[m]} {limits.metric(m).duration.label()}" for m in LIMIT_METRICS
    )


def _escalation(rec: ChangeRecorder, base: Category, head: Category) -> None:
    words = rec.words
    for severity in _by_severity(rec, dict(base.escalation), dict(head.escalation)):
        title = words.severity(severity)
        old, new = base.escalation.get(severity), head.escalation.get(severity)
        if new is None and old is not None:
            rec.removed(
                LOOSENED, "escalation", f"{title}的升级路径", _path_summary(rec, old), old.at
            )
        elif old is None and new is not None:
            rec.added(
                TIGHTENED, "escalation", f"{title}的升级路径", _path_summary(rec, new), new.at
            )
        elif old is not None and new is not None:
            _escalation_path(rec, title, old, new)


def _path_summary(rec: ChangeRecorder, path: EscalationPath) -> str:
    steps = "，".join(f"{s.after.label()}后升级到{rec.words.tier(s.to)}" for s in path.steps)
    return f"由{rec.words.tier(path.owner)}负责" + (f"，{steps}" if steps else "")


def _escalation_path(
    rec: ChangeRecorder, title: str, old: EscalationPath, new: EscalationPath
) -> None:
    words = rec.words
    rec.rank(
        "escalation-owner",
        f"{title}的首要负责层级",
        old.owner,
        new.owner,
        words.tier_ranks,
        words.tier,
        new.at.child("owner"),
    )
    pairing = pair_items(old.steps, new.steps, key=lambda s: s.to, text=lambda s: s.when)
    for _, step in pairing.removed:
        rec.removed(
            LOOSENED,
            "escalation-step",
            f"{title}的升级步骤",
            f"{step.after.label()}后升级到{words.tier(step.to)}",
            step.at,
        )
    for _, step in pairing.added:
        rec.added(
            TIGHTENED,
            "escalation-step",
            f"{title}的升级步骤",
            f"{step.after.label()}后升级到{words.tier(step.to)}",
            step.at,
        )
    for (_, before), (j, after) in pairing.pairs:
        target = words.tier(after.to)
        rec.duration(
            "escalation-wait",
            f"{title} 升级到{target}的等待时间",
            before.after,
            after.after,
            before.at.child("after"),
            after.at.child("after"),
        )
        rec.rank(
            "escalation-target",
            f"{title} 第 {j + 1} 步的升级对象",
            before.to,
            after.to,
            words.tier_ranks,
            words.tier,
            after.at.child("to"),
        )
        rec.text(
            "escalation-condition",
            f"{title} 升级到{target}的条件",
            before.when,
            after.when,
            before.at.child("when"),
            after.at.child("when"),
        )


def _procedure(rec: ChangeRecorder, base: Category, head: Category) -> None:
    for old, new in rec.items(
        base.procedure,
        head.procedure,
        lambda s: s.id,
        "step",
        "处理步骤",
        LOOSENED,
        TIGHTENED,
        "title",
    ):
        _step(rec, old, new, head)


def _step(rec: ChangeRecorder, old: ProcedureStep, new: ProcedureStep, head: Category) -> None:
    words = rec.words
    name = f"步骤「{new.title}」"
    rec.fields(name, old, new, (("title", "step-title", "标题"),))
    rec.rank(
        "step-owner",
        f"{name}的负责层级",
        old.owner,
        new.owner,
        words.tier_ranks,
        words.tier,
        new.at.child("owner"),
    )
    rec.texts(
        "action",
        f"{name}的处理动作",
        old.actions,
        new.actions,
        old.at.child("actions"),
        new.at.child("actions"),
        obligation=True,
    )
    rec.references(
        "step-channel",
        f"{name}的受理渠道",
        old.channels,
        new.channels,
        old.at.child("channels"),
        new.at.child("channels"),
        LOOSENED,
        TIGHTENED,
        words.channel,
    )
    for channel in old.scripts.keys() - new.scripts.keys():
        script = old.scripts[channel]
        rec.removed(
            LOOSENED, "script", f"{name}的{words.channel(channel)}话术", script.text, script.at
        )
    for channel in new.scripts:
        script = new.scripts[channel]
        if channel not in old.scripts:
            rec.added(
                TIGHTENED, "script", f"{name}的{words.channel(channel)}话术", script.text, script.at
            )
        else:
            rec.text(
                "script",
                f"{name}的{words.channel(channel)}话术",
                old.scripts[channel].text,
                script.text,
                old.scripts[channel].at,
                script.at,
            )
    rec.texts(
        "tip",
        f"{name}的提示",
        old.tips,
        new.tips,
        old.at.child("tips"),
        new.at.child("tips"),
        obligation=False,
    )
    titles = {r.id: r.title for r in head.remedies}
    rec.references(
        "step-remedy",
        f"{name}提供的补救措施",
        old.remedies,
        new.remedies,
        old.at.child("remedies"),
        new.at.child("remedies"),
        REMOVED,
        ADDED,
        lambda r: titles.get(r, r),
    )


def _remedies(rec: ChangeRecorder, base: Category, head: Category) -> None:
    for old, new in rec.items(
        base.remedies, head.remedies, lambda r: r.id, "remedy", "补救措施", REMOVED, ADDED, "title"
    ):
        _remedy(rec, old, new)


def _remedy(rec: ChangeRecorder, old: Remedy, new: Remedy) -> None:
    words = rec.words
    name = f"补救措施「{new.title}」"
    rec.fields(name, old, new, (("title", "remedy-title", "名称"),))
    rec.undirected(
        "remedy-kind",
        f"{name}的类型",
        REMEDY_KIND_NAMES.get(old.kind, old.kind),
        REMEDY_KIND_NAMES.get(new.kind, new.kind),
        new.at.child("kind"),
    )
    rec.amount(
        "remedy-max-amount",
        f"{name}的金额上限",
        old.max_amount,
        new.max_amount,
        field_at(old.at, "max_amount"),
        field_at(new.at, "max_amount"),
    )
    rec.rank(
        "remedy-approver",
        f"{name}的审批层级",
        old.approver,
        new.approver,
        words.tier_ranks,
        words.tier,
        new.at.child("approver"),
    )
    rec.duration(
        "remedy-deadline",
        f"{name}的执行时限",
        old.execute_within,
        new.execute_within,
        field_at(old.at, "execute_within"),
        field_at(new.at, "execute_within"),
    )
    rec.fields(name, old, new, (("conditions", "remedy-conditions", "适用条件"),))
