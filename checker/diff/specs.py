"""Every kind of playbook, declared field by field for the diff (see ``checker.diff.fields``).

Labels are the schemas' titles; the values people read come from the vocabulary. Directions,
in short: a longer limit, a later escalation, a lower tier, more authority, fewer obligations
(steps, scripts, evidence, forbidden phrases, ceilings) or more days off are loosened; the
opposites tightened; neutral items added or removed; free text is wording.
"""

from __future__ import annotations

from typing import Any

from checker.diff.explain import calendar_effect
from checker.diff.fields import (
    ADDED,
    HISTORY,
    LOOSENED,
    REMOVED,
    TIGHTENED,
    Field,
    choice,
    duration,
    items,
    members,
    numeric,
    ordered,
    sentences,
    text,
)
from checker.model import At, Calendar, EscalationPath, ResponseLimits
from checker.model.vocabulary import (
    LIMIT_METRICS,
    METRIC_TITLES,
    REMEDY_KIND_NAMES,
    STEP_NAMES,
    certainty_label,
    iso_weekday_name,
)
from checker.schema.titles import field_label

OBLIGATION = {"removed": LOOSENED, "added": TIGHTENED}  # items whose loss loosens


def _remedy_kind(kind: str, words: Any = None) -> str:
    return REMEDY_KIND_NAMES.get(kind, kind)


HEADER = (
    text("header.title", "title", path=("title",)),
    text("header.owner", "owner", path=("owner",)),
    # released history: the entries BASE already had (compare drops HEAD's new one)
    items(
        "header.changelog",
        "history",
        text("version", "history-version"),
        text("date", "history-date"),
        sentences("changes", "history-changes"),
        text("author", "history-author"),
        path=("changelog",),
        key="version",
        alike="date",
        title="version",
        noun="版本",
        fixed=HISTORY,
    ),
)


# ---- the policy ---------------------------------------------------------------------------------


def _guidance(attr: str, kind: str) -> Field:
    label = field_label("policy", (attr,))
    return items(
        attr,
        kind,
        *(text(name, f"{kind}-{name}") for name in ("title", "description", "example")),
        key="title",
        alike="title",
        noun=label,
    )


def _route(target: tuple[str, str], words: Any) -> str:
    """Where a home-page route leads, in the schema's words: 打开类别「产品质量问题」."""
    kind, key = target
    return f"{field_label('policy', ('routes', kind))}「{words.title(kind, key)}」"


def _scope(applies_to: str, words: Any = None) -> str:
    kind = applies_to.removeprefix("remedy:")
    if kind != applies_to:
        return f"补救措施（{_remedy_kind(kind)}）的执行时限"
    return METRIC_TITLES.get(applies_to, applies_to)


POLICY = (
    *HEADER,
    text("purpose", "purpose"),
    items(
        "severities",
        "severity",
        text("title", "severity-title"),
        text("definition", "severity-definition"),
        # an amount above it is at least this severity: a higher threshold holds less often
        numeric("amount_over", "severity-amount", optional=True),
        sentences("factors", "severity-factor"),
        sentences("examples", "severity-example"),
        noun="严重程度",
        order="severity-order",
    ),
    items(
        "tiers",
        "tier",
        text("title", "tier-title"),
        text("role", "tier-role"),
        text("contact", "tier-contact"),
        choice("phone", "tier-phone"),
        text("notes", "tier-notes", path=("authority", "notes")),
        numeric(
            "max_amount",
            "tier-max-amount",
            path=("authority", "max_amount"),
        ),
        members(
            "remedy_kinds",
            "tier-remedy-kind",
            path=("authority", "remedy_kinds"),
            show=_remedy_kind,
            removed=TIGHTENED,
            added=LOOSENED,
        ),
        noun="层级",
        order="tier-order",
    ),
    items(
        "channels",
        "channel",
        text("title", "channel-title"),
        numeric(
            "realtime",
            "channel-realtime",
            show=lambda on, w: "实时" if on else "非实时",
            larger=TIGHTENED,
            verbs=("tightened", "relaxed"),
        ),
        sentences("handling", "channel-handling", obligation=True, promise=True),
        noun="渠道",
    ),
    _guidance("principles", "principle"),
    _guidance("techniques", "technique"),
    _guidance("mistakes", "mistake"),
    _guidance("dispute_resolution", "dispute-route"),
    _guidance("improvement", "improvement"),
    items(
        "forbidden_phrases",
        "forbidden-phrase",
        text("phrase", "forbidden-phrase"),
        text("reason", "forbidden-phrase-reason"),
        text("instead", "forbidden-phrase-instead"),
        key="phrase",
        alike="phrase",
        title="phrase",
        noun="禁用语",
        **OBLIGATION,
    ),
    # search vocabulary (口语 → 术语): neither looser nor tighter, added / removed / reworded
    items(
        "colloquial_terms",
        "colloquial-term",
        text("term", "colloquial-term"),
        sentences("words", "colloquial-word"),
        key="term",
        alike="term",
        title="term",
        noun="口语与术语",
    ),
    items(
        "placeholders",
        "placeholder",
        text("name", "placeholder-name", show=lambda name, w: f"{{{name}}}"),
        text("description", "placeholder-description"),
        key="name",
        alike="name",
        title="name",
        noun="占位符",
        show=lambda p, w: f"{{{p.name}}}",
    ),
    items(
        "record_fields",
        "record-field",
        text("title", "record-field-title"),
        text("description", "record-field-description"),
        noun="记录字段",
        **OBLIGATION,
    ),
    items(
        "ceilings",
        "ceiling",
        duration("limit", "ceiling-limit"),
        choice("applies_to", "ceiling-scope", show=_scope),
        *(text(name, f"ceiling-{name}") for name in ("title", "citation", "note")),
        text("certainty", "ceiling-certainty", show=lambda value, w: certainty_label(value)),
        path=("regulatory_ceilings",),
        show=lambda c, w: f"{c.title}（{_scope(c.applies_to)} ≤ {c.limit.label()}）",
        noun="监管上限",
        **OBLIGATION,
    ),
    # triage: the duty line, the signals staff tick, the home page's ways in
    items(
        "duty",
        "duty",
        text("title", "duty-title"),
        text("description", "duty-description"),
        choice("phone", "duty-phone"),
        key=lambda duty: "duty",
        show=lambda duty, w: f"{duty.title} {duty.phone}",
        **OBLIGATION,
    ),
    # a signal raises every category's severity (or routes the complaint): a policy-wide
    # severity trigger, so losing one, or its raise_to, loosens
    items(
        "signals",
        "signal",
        text("title", "signal-title"),
        ordered("raise_to", "signal-level", "severity", optional=True),
        choice("category", "signal-category", show=lambda key, w: w.title("category", key)),
        noun="分诊勾选项",
        **OBLIGATION,
    ),
    # the home page's ways in: navigation, not obligations
    items(
        "routes",
        "route",
        text("title", "route-title"),
        text("hint", "route-hint"),
        choice("target", "route-target", label="去处", show=_route),
        key="title",
        alike="title",
        noun="快捷入口",
    ),
)


# ---- a category ---------------------------------------------------------------------------------


def _limits(limits: ResponseLimits, words: Any) -> str:
    return "，".join(
        f"{METRIC_TITLES[m]} {limits.metric(m).duration.label()}" for m in LIMIT_METRICS
    )


def _escalation(path: EscalationPath, words: Any) -> str:
    steps = "".join(f"，{s.after.label()}后升级到{words.tier(s.to)}" for s in path.steps)
    return f"由{words.tier(path.owner)}负责{steps}"


def _item_of(script: Any) -> At:
    """A customer-type script's ``at`` points at its text; its item is one level up."""
    return At(script.at.source, script.at.pointer[:-1])


CATEGORY = (
    *HEADER,
    text("summary", "summary"),
    sentences("cases", "case"),
    sentences("recognition", "recognition"),
    sentences("keywords", "keyword"),
    members("related", "related"),
    members("customer_types", "customer-type-ref"),
    ordered("default_severity", "default-severity", "severity", path=("severity", "default")),
    items(
        "triggers",
        "severity-trigger",
        text("when", "severity-trigger"),
        ordered("raise_to", "severity-trigger-level", "severity"),
        # a signal more, or a lower amount, makes the trigger hold more often: tightened
        members(
            "signals",
            "severity-trigger-signal",
            show=lambda s, w: w.title("signal", s),
            **OBLIGATION,
        ),
        numeric("amount_over", "severity-trigger-amount", optional=True),
        path=("severity", "triggers"),
        key="when",
        alike="when",
        title="when",
        show=lambda t, w: f"{t.when}（升为{w.severity(t.raise_to)}）",
        noun="升级触发条件",
        **OBLIGATION,
    ),
    items(
        "emergency",
        "emergency",
        sentences("actions", "emergency-action", obligation=True, promise=True),
        duration("report_within", "emergency-report"),
        key=lambda emergency: "emergency",
        show=lambda emergency, w: "；".join(emergency.actions),
        **OBLIGATION,
    ),
    items(
        "limits",
        "limits",
        *(duration(f"{m}.duration", "limit", path=(m,)) for m in LIMIT_METRICS),
        key="severity",
        show=_limits,
        subject=lambda limits, w: f"{w.severity(limits.severity)}的全部时限",
        name=lambda limits, w: w.severity(limits.severity),
        joiner=" ",
        **OBLIGATION,
    ),
    items(
        "escalation",
        "escalation",
        ordered("owner", "escalation-owner", "tier"),
        items(
            "steps",
            "escalation-step",
            duration("after", "escalation-wait"),
            ordered("to", "escalation-target", "tier"),
            text("when", "escalation-condition", promise=True),
            key="to",
            alike="when",
            show=lambda s, w: f"{s.after.label()}后升级到{w.tier(s.to)}",
            name=lambda s, w: f"升级节点「{w.tier(s.to)}」",
            **OBLIGATION,
        ),
        key="severity",
        show=_escalation,
        subject=lambda path, w: f"{w.severity(path.severity)}的升级路径",
        **OBLIGATION,
    ),
    items(
        "procedure",
        "step",
        text("title", "step-title"),
        ordered("owner", "step-owner", "tier"),
        sentences("actions", "action", obligation=True, promise=True),
        members("channels", "step-channel", show=lambda c, w: w.channel(c), **OBLIGATION),
        items(
            "scripts",
            "script",
            text("text", "script", label="", path=(), promise=True),
            key="channel",
            title="text",
            subject=lambda s, w: f"{w.channel(s.channel)}话术",
            **OBLIGATION,
        ),
        sentences("tips", "tip", promise=True),
        members("remedies", "step-remedy", show=lambda r, w: w.title("remedy", r)),
        noun="步骤",
        **OBLIGATION,
    ),
    items(
        "remedies",
        "remedy",
        text("title", "remedy-title"),
        choice("kind", "remedy-kind", show=_remedy_kind),
        numeric("max_amount", "remedy-max-amount", optional=True),
        ordered("approver", "remedy-approver", "tier"),
        duration("execute_within", "remedy-deadline", optional=True),
        text("conditions", "remedy-conditions", promise=True),
        noun="补救措施",
    ),
    sentences("evidence", "evidence", obligation=True),
    sentences(
        "legal_involve_when", "legal-trigger", obligation=True, path=("legal", "involve_when")
    ),
    text("legal_notes", "legal-notes", path=("legal", "notes")),
)


# ---- the customer types -------------------------------------------------------------------------

CUSTOMER_TYPES = (
    *HEADER,
    sentences("needs", "need"),
    items(
        "types",
        "customer-type",
        text("title", "customer-type-title"),
        text("description", "customer-type-description"),
        sentences("recognition", "customer-recognition"),
        sentences("strategies", "customer-strategy", promise=True),
        sentences("avoid", "customer-avoid", obligation=True),
        items(
            "scripts",
            "customer-script",
            text("situation", "customer-script-situation"),
            text("text", "customer-script", label="", promise=True),
            text("step", "customer-script-step", show=lambda step, w: STEP_NAMES.get(step, step)),
            key="situation",
            alike="situation",
            title="text",
            subject=lambda s, w: f"「{s.situation}」时的话术",
            locate=_item_of,
            **OBLIGATION,
        ),
        noun="客户类型",
    ),
)


# ---- the working calendar -----------------------------------------------------------------------


def _outside(day: Any, calendar: Calendar) -> bool:
    """A date the other side's data did not cover is new data, not a change of rules."""
    return not calendar.data_from <= day.date <= calendar.data_until


def _dates(attr: str, kind: str, added: Any) -> Field:
    return items(
        attr,
        kind,
        text("name", f"{kind}-name"),
        key="date",
        show=lambda d, w: f"{d.date.isoformat()} {d.name}",
        name=lambda d, w: d.date.isoformat(),
        added=added,
        removed=added.opposite,
        outside=_outside,
        explain=calendar_effect(attr),
    )


def _clock(value: Any, words: Any = None) -> str:
    return value.strftime("%H:%M")


def _day(value: Any, words: Any = None) -> str:
    return value.isoformat()


CALENDAR = (
    *HEADER,
    # a shorter working day stretches every working-time limit: loosened
    *(
        numeric(
            attr,
            f"working-{attr}",
            label=field_label("calendar", ("working_hours", attr)),
            path=("working_hours", attr),
            show=_clock,
            larger=larger,
            verbs=("later", "earlier"),
            explain=calendar_effect(attr),
        )
        for attr, larger in (("start", LOOSENED), ("end", TIGHTENED))
    ),
    items(
        "breaks",
        "working-break",
        path=("working_hours", "breaks"),
        key=lambda b: (b.start, b.end),
        show=lambda b, w: f"{b.start:%H:%M}–{b.end:%H:%M}",
        # a break (a lunch hour) takes working time out of every day: loosened
        added=LOOSENED,
        removed=TIGHTENED,
        explain=calendar_effect("breaks"),
    ),
    choice("time_zone", "time-zone"),
    text("hours_notes", "working-hours-notes", path=("working_hours", "notes")),
    members(
        "rest_days",
        "rest-day",
        show=lambda day, w: iso_weekday_name(day),
        removed=TIGHTENED,
        added=LOOSENED,
        explain=calendar_effect("rest_days"),
    ),
    # more dates covered is new data, not a change of rules
    numeric(
        "data_from", "calendar-start", show=_day, larger=REMOVED, verbs=("shortened", "extended")
    ),
    numeric("data_until", "calendar-end", show=_day, larger=ADDED, verbs=("extended", "shortened")),
    _dates("holidays", "holiday", LOOSENED),
    _dates("make_up_workdays", "make-up-workday", TIGHTENED),
    # the citation of a hand-entered year: new or removed data, not a change of rules
    items(
        "notices",
        "holiday-notice",
        key=lambda n: (n.year, n.title, n.number),
        show=lambda n, w: f"{n.year} 年：{n.title}（{n.number}）",
    ),
    text("source", "calendar-source"),
    text("notes", "calendar-notes"),
)

# ---- the register of exceptions to the version rules -------------------------------------------

EXCEPTIONS = (
    *HEADER,
    items(
        "entries",
        "exception",
        members("rules", "exception-rules", removed=TIGHTENED, added=LOOSENED),
        text("change", "exception-change"),
        text("reason", "exception-reason"),
        text("approver", "exception-approver"),
        numeric("expires", "exception-expires", verbs=("extended", "shortened")),
        path=("exceptions",),
        key="file",
        alike="change",
        title="file",
        noun="例外",
        show=lambda e, w: f"{e.file}（{'、'.join(sorted(e.rules))}，有效期至 {e.expires}）",
        removed=TIGHTENED,
        added=LOOSENED,
    ),
)

SPECS: dict[str, tuple[Field, ...]] = {
    "policy": POLICY,
    "calendar": CALENDAR,
    "category": CATEGORY,
    "customer-types": CUSTOMER_TYPES,
    "exceptions": EXCEPTIONS,
}
