"""Schema-valid data -> the typed, immutable model (built once; rules, site and diff read it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from checker.findings import Example, Finding, Located, Severity, define
from checker.model.calendar import (
    DEFAULT_TIME_ZONE,
    Calendar,
    HolidayNotice,
    NamedDate,
    WorkingBreak,
)
from checker.model.category import (
    Category,
    Emergency,
    EscalationPath,
    EscalationStep,
    ProcedureStep,
    Remedy,
    ResponseLimit,
    ResponseLimits,
    SeverityTrigger,
)
from checker.model.customer_types import CustomerType, CustomerTypes
from checker.model.duration import parse_duration
from checker.model.exceptions import Exceptions, VersionException
from checker.model.header import ChangelogEntry, Header
from checker.model.location import At
from checker.model.playbook_set import PlaybookSet
from checker.model.policy import (
    Channel,
    ColloquialTerm,
    DutyLine,
    EscalationTier,
    ForbiddenPhrase,
    Guidance,
    Placeholder,
    Policy,
    RecordField,
    RegulatoryCeiling,
    Route,
    SeverityLevel,
    Signal,
)
from checker.model.script import Script
from checker.model.vocabulary import KIND_NAMES, LIMIT_METRICS
from checker.yaml.source import SourceFile


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(value or ())


def _guidance(items: list[dict[str, Any]] | None, at: At) -> tuple[Guidance, ...]:
    return tuple(
        Guidance(g["title"], g["description"], g.get("example", ""), at.child(i))
        for i, g in enumerate(items or ())
    )


def build_header(data: dict[str, Any], source: SourceFile) -> Header:
    root = At(source, ())
    return Header(
        kind=data["kind"],
        title=data["title"],
        version=data["version"],
        effective=data["effective"],
        owner=data["owner"],
        changelog=tuple(
            ChangelogEntry(
                e["version"],
                e["date"],
                _texts(e["changes"]),
                e.get("author", ""),
                root.child("changelog", i),
            )
            for i, e in enumerate(data["changelog"])
        ),
        at=root,
    )


def build_policy(data: dict[str, Any], source: SourceFile) -> Policy:
    root = At(source, ())
    return Policy(
        header=build_header(data, source),
        purpose=data.get("purpose", ""),
        severities=tuple(
            SeverityLevel(
                s["id"],
                s["title"],
                s["definition"],
                _texts(s["factors"]),
                _texts(s.get("examples")),
                i,
                root.child("severities", i),
                s.get("amount_over"),
            )
            for i, s in enumerate(data["severities"])
        ),
        tiers=tuple(
            EscalationTier(
                t["id"],
                t["title"],
                t["role"],
                t.get("contact", ""),
                t["authority"]["max_amount"],
                frozenset(t["authority"]["remedy_kinds"]),
                t["authority"].get("notes", ""),
                i,
                root.child("tiers", i),
                t.get("phone", ""),
            )
            for i, t in enumerate(data["tiers"])
        ),
        channels=tuple(
            Channel(
                c["id"],
                c["title"],
                c.get("realtime", False),
                _texts(c["handling"]),
                root.child("channels", i),
            )
            for i, c in enumerate(data["channels"])
        ),
        principles=_guidance(data["principles"], root.child("principles")),
        techniques=_guidance(data.get("techniques"), root.child("techniques")),
        mistakes=_guidance(data.get("mistakes"), root.child("mistakes")),
        dispute_resolution=_guidance(
            data.get("dispute_resolution"), root.child("dispute_resolution")
        ),
        improvement=_guidance(data.get("improvement"), root.child("improvement")),
        forbidden_phrases=tuple(
            ForbiddenPhrase(
                f["phrase"], f["reason"], f.get("instead", ""), root.child("forbidden_phrases", i)
            )
            for i, f in enumerate(data["forbidden_phrases"])
        ),
        colloquial_terms=tuple(
            ColloquialTerm(c["term"], tuple(c["words"]), root.child("colloquial_terms", i))
            for i, c in enumerate(data.get("colloquial_terms", ()))
        ),
        placeholders=tuple(
            Placeholder(p["name"], p["description"], root.child("placeholders", i))
            for i, p in enumerate(data["placeholders"])
        ),
        record_fields=tuple(
            RecordField(r["id"], r["title"], r["description"], root.child("record_fields", i))
            for i, r in enumerate(data["record_fields"])
        ),
        ceilings=tuple(
            RegulatoryCeiling(
                c["id"],
                c["title"],
                c["applies_to"],
                parse_duration(c["limit"]),
                c["citation"],
                c["certainty"],
                c.get("note", ""),
                root.child("regulatory_ceilings", i),
            )
            for i, c in enumerate(data["regulatory_ceilings"])
        ),
        duty=_duty(data.get("duty"), root.child("duty")),
        signals=tuple(
            Signal(
                s["id"],
                s["title"],
                s.get("raise_to", ""),
                s.get("category", ""),
                root.child("signals", i),
            )
            for i, s in enumerate(data.get("signals") or ())
        ),
        routes=tuple(
            Route(
                r["title"],
                r["hint"],
                r.get("category", ""),
                r.get("customer_type", ""),
                r.get("signal", ""),
                r.get("page", ""),
                root.child("routes", i),
            )
            for i, r in enumerate(data.get("routes") or ())
        ),
    )


def _duty(data: dict[str, Any] | None, at: At) -> DutyLine | None:
    return DutyLine(data["title"], data["phone"], data["description"], at) if data else None


def _emergency(data: dict[str, Any] | None, at: At) -> Emergency | None:
    if not data:
        return None
    return Emergency(_texts(data["actions"]), parse_duration(data["report_within"]), at)


def build_category(data: dict[str, Any], source: SourceFile) -> Category:
    root = At(source, ())

    def response_limits(severity: str, values: dict[str, str]) -> ResponseLimits:
        at = root.child("limits", severity)
        metric = {
            m: ResponseLimit(severity, m, parse_duration(values[m]), at.child(m))
            for m in LIMIT_METRICS
        }
        return ResponseLimits(
            severity,
            metric["first_response"],
            metric["update_interval"],
            metric["resolution"],
            metric["follow_up"],
            at,
        )

    limits = {
        severity: response_limits(severity, values) for severity, values in data["limits"].items()
    }
    escalation = {
        severity: EscalationPath(
            severity,
            path["owner"],
            tuple(
                EscalationStep(
                    parse_duration(s["after"]),
                    s["to"],
                    s["when"],
                    root.child("escalation", severity, "steps", i),
                )
                for i, s in enumerate(path["steps"])
            ),
            root.child("escalation", severity),
        )
        for severity, path in data["escalation"].items()
    }
    procedure = tuple(
        ProcedureStep(
            s["id"],
            s["title"],
            s["owner"],
            _texts(s["actions"]),
            _texts(s["channels"]),
            {
                channel: Script(text, channel, root.child("procedure", i, "scripts", channel))
                for channel, text in (s.get("scripts") or {}).items()
            },
            _texts(s.get("tips")),
            _texts(s.get("remedies")),
            root.child("procedure", i),
        )
        for i, s in enumerate(data["procedure"])
    )
    remedies = tuple(
        Remedy(
            r["id"],
            r["title"],
            r["kind"],
            r.get("max_amount"),
            r["approver"],
            parse_duration(r["execute_within"]) if "execute_within" in r else None,
            r["conditions"],
            root.child("remedies", i),
        )
        for i, r in enumerate(data["remedies"])
    )
    return Category(
        header=build_header(data, source),
        id=data["id"],
        summary=data["summary"],
        cases=_texts(data["cases"]),
        recognition=_texts(data["recognition"]),
        keywords=_texts(data.get("keywords")),
        related=_texts(data.get("related")),
        customer_types=_texts(data.get("customer_types")),
        default_severity=data["severity"]["default"],
        triggers=tuple(
            SeverityTrigger(
                t["when"],
                t["raise_to"],
                root.child("severity", "triggers", i),
                _texts(t.get("signals")),
                t.get("amount_over"),
            )
            for i, t in enumerate(data["severity"]["triggers"])
        ),
        limits=limits,
        escalation=escalation,
        procedure=procedure,
        remedies=remedies,
        evidence=_texts(data["evidence"]),
        legal_involve_when=_texts(data["legal"]["involve_when"]),
        legal_notes=data["legal"].get("notes", ""),
        at=root,
        emergency=_emergency(data.get("emergency"), root.child("emergency")),
    )


def build_customer_types(data: dict[str, Any], source: SourceFile) -> CustomerTypes:
    root = At(source, ())
    return CustomerTypes(
        header=build_header(data, source),
        needs=_texts(data.get("needs")),
        types=tuple(
            CustomerType(
                t["id"],
                t["title"],
                t["description"],
                _texts(t["recognition"]),
                _texts(t["strategies"]),
                tuple(
                    Script(
                        s["text"],
                        "",
                        root.child("types", i, "scripts", j, "text"),
                        s["situation"],
                        s.get("step", ""),
                    )
                    for j, s in enumerate(t["scripts"])
                ),
                _texts(t["avoid"]),
                root.child("types", i),
            )
            for i, t in enumerate(data["types"])
        ),
    )


def _dates(items: list[dict[str, Any]], at: At) -> tuple[NamedDate, ...]:
    return tuple(
        NamedDate(dt.date.fromisoformat(d["date"]), d["name"], at.child(i))
        for i, d in enumerate(items)
    )


def build_calendar(data: dict[str, Any], source: SourceFile) -> Calendar:
    """Build the calendar (the schema stage has checked that every date is real)."""
    root = At(source, ())
    hours = data["working_hours"]
    return Calendar(
        header=build_header(data, source),
        start=dt.time.fromisoformat(hours["start"]),
        end=dt.time.fromisoformat(hours["end"]),
        hours_notes=hours.get("notes", ""),
        rest_days=frozenset(data["rest_days"]),
        data_from=dt.date.fromisoformat(data["data_from"]),
        data_until=dt.date.fromisoformat(data["data_until"]),
        source=data["source"],
        holidays=_dates(data["holidays"], root.child("holidays")),
        make_up_workdays=_dates(data["make_up_workdays"], root.child("make_up_workdays")),
        notes=data.get("notes", ""),
        at=root,
        time_zone=data.get("time_zone", DEFAULT_TIME_ZONE),
        breaks=tuple(
            WorkingBreak(
                dt.time.fromisoformat(b["start"]),
                dt.time.fromisoformat(b["end"]),
                root.child("working_hours", "breaks", i),
            )
            for i, b in enumerate(hours.get("breaks") or ())
        ),
        notices=tuple(
            HolidayNotice(
                n["year"],
                n["title"],
                n["number"],
                dt.date.fromisoformat(n["date"]),
                n["url"],
                root.child("notices", i),
            )
            for i, n in enumerate(data.get("notices") or ())
        ),
    )


def build_exceptions(data: dict[str, Any], source: SourceFile) -> Exceptions:
    root = At(source, ())
    return Exceptions(
        title=data["title"],
        owner=data.get("owner", ""),
        entries=tuple(
            VersionException(
                e["file"],
                frozenset(e["rules"]),
                e["change"],
                e["reason"],
                e["approver"],
                e["expires"],
                root.child("exceptions", i),
            )
            for i, e in enumerate(data["exceptions"])
        ),
        at=root,
    )


# ---- the whole set --------------------------------------------------------------------------

ONE_FILE_PER_KIND = define(
    "PB207",
    "one-file-per-kind",
    Severity.ERROR,
    "一个手册文件夹只能有一个总则（policy）、一个客户类型（customer-types）和一个工作日历（calendar）文件。",
    "两份总则同时存在时，检查器、网站和时限计算只能用其中一份：旧副本会悄悄改变每个类别的检查结果。"
    "把旧版本留在 git 历史里，而不是手册文件夹里。",
    good=(Example("title: 和悦家电投诉处理总则\n", target="policy"),),
    bad=(
        Example(
            "title: 和悦家电投诉处理总则（旧版副本）\n",
            target="policy",
            file="policy-old.yaml",
            note="总则的一份旧副本另存为 policy-old.yaml，与 policy.yaml 放在同一个文件夹。",
        ),
    ),
)

SINGLE_KINDS = ("policy", "customer-types", "calendar", "exceptions")


def second_of_kind(kind: str, source: Located, first_path: str) -> Finding:
    """PB207 on a second file of a kind that must be unique (``first_path`` is the one used)."""
    return ONE_FILE_PER_KIND.on_value(
        source,
        ("kind",),
        f"这是第二个 kind: {kind} 文件：「{first_path}」已经是这个手册文件夹的"
        f"{KIND_NAMES[kind]}，两份同时存在时无法判断以哪份为准。",
        f"合并或删除其中一个；旧版本留在 git 历史里即可。检查和网站按「{first_path}」继续。",
    )


def build_playbook_set(
    valid: Iterable[tuple[str, dict[str, Any], SourceFile]], sources: Iterable[SourceFile]
) -> tuple[PlaybookSet, list[Finding]]:
    """The model of every schema-valid file (kind, data, source), in the order given.

    A second file of a kind that must be unique is an error naming both files; the first one
    (in path order) is used.
    """
    findings: list[Finding] = []
    singles: dict[str, tuple[SourceFile, Any]] = {}
    categories: list[Category] = []
    headers: list[Header] = []
    builders = {
        "policy": build_policy,
        "customer-types": build_customer_types,
        "calendar": build_calendar,
        "exceptions": build_exceptions,
    }
    for kind, data, source in valid:
        if kind in SINGLE_KINDS and kind in singles:
            findings.append(second_of_kind(kind, source, singles[kind][0].path))
            continue
        if kind != "exceptions":  # the register has no version of its own
            headers.append(build_header(data, source))
        if kind == "category":
            categories.append(build_category(data, source))
        else:
            singles[kind] = (source, builders[kind](data, source))

    def single(kind: str) -> Any:
        return singles[kind][1] if kind in singles else None

    playbooks = PlaybookSet(
        policy=single("policy"),
        categories=tuple(categories),
        customer_types=single("customer-types"),
        calendar=single("calendar"),
        exceptions=single("exceptions"),
        headers=tuple(headers),
        sources=tuple(sources),
    )
    return playbooks, findings
