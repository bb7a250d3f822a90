"""The change-type catalogue against what the comparer really reports.

A sweep of generated edits (every leaf, list and optional field of an enriched copy of the
example playbooks, changed one at a time, compared both ways) must reach every catalogued change
type; every change it produces is catalogued (the comparer can only record catalogued types,
and that guard is real).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from conftest import EXAMPLE_BASE, TARGET_FILES, deep_merge, dump_yaml, load_data

from checker.diff.catalogue import change_type, change_types
from checker.diff.changes import ChangeLevel
from checker.diff.compare import compare
from checker.diff.sources import assemble_side
from checker.model import PlaybookSet
from checker.yaml.loader import LoadedFile, load_bytes

# Optional fields and lists the example base leaves out, so that the sweep can reach them.
ENRICH: dict[str, dict[str, Any]] = {
    "policy": {
        "purpose": "说明投诉处理的要求",
        "severities": [{"id": "normal", "examples": ["单件商品划痕"], "amount_over": 1000}],
        "tiers": [
            {
                "id": "agent",
                "contact": "分机 100",
                "phone": "8100",
                "authority": {"notes": "单笔 300 元以内"},
            }
        ],
        "duty": {"title": "7×24 应急值守", "phone": "8399", "description": "值班主管接听"},
        "signals": [{"id": "repeat", "category": "product-quality"}],
        "routes": [{"title": "有人受伤", "hint": "先保人身安全", "category": "product-quality"}],
        "principles": [
            {"title": "及时回应", "description": "第一时间回复客户", "example": "马上回电"}
        ],
        "forbidden_phrases": [
            {"phrase": "这不归我管", "reason": "推卸责任", "instead": "我来帮您"}
        ],
        "colloquial_terms": [{"term": "辱骂", "words": ["骂人", "说脏话"]}],
        "regulatory_ceilings": [{"id": "odr-settlement", "note": "二手资料"}],
        "techniques": [{"title": "复述确认", "description": "复述客户诉求", "example": "您是说……"}],
        "mistakes": [{"title": "打断客户", "description": "不要打断", "example": "等客户说完"}],
        "dispute_resolution": [
            {"title": "12315", "description": "市场监管投诉", "example": "拨打"}
        ],
        "improvement": [{"title": "月度复盘", "description": "每月分析原因", "example": "例会"}],
    },
    "category": {
        "keywords": ["漏水"],
        "related": ["delivery"],
        "procedure": [{"id": "receive", "tips": ["先核对身份"], "remedies": ["free-repair"]}],
        "severity": {
            "triggers": [
                {
                    "when": "涉及人身伤害",
                    "raise_to": "critical",
                    "signals": ["injury"],
                    "amount_over": 500,
                }
            ]
        },
        "emergency": {"actions": ["先问有没有人受伤"], "report_within": "1 working days"},
        "remedies": [
            {"id": "free-repair", "max_amount": 500, "execute_within": "3 working days"},
        ],
        "legal": {"notes": "法务部负责"},
        "changelog": [
            {"version": "1.0.0", "date": "2026-01-05", "changes": ["首个版本"], "author": "客服部"}
        ],
    },
    "customer-types": {"needs": ["被尊重"]},
    # a year of data keeps the limit comparisons quick
    "calendar": {
        "notes": "示例",
        "working_hours": {"notes": "午休不计", "breaks": [{"start": "12:00", "end": "13:00"}]},
        "data_until": "2026-12-31",
        "notices": [
            {
                "year": 2026,
                "title": "国务院办公厅关于2026年部分节假日安排的通知",
                "number": "国办发明电〔2025〕7号",
                "date": "2025-11-04",
                "url": "https://www.gov.cn/",
            }
        ],
    },
}
EXCEPTIONS = {
    "kind": "exceptions",
    "title": "版本号检查例外登记",
    "owner": "合规部",
    "exceptions": [
        {
            "file": "categories/product-quality.yaml",
            "rules": ["PB702"],
            "change": "解决时限放宽，试点期间不升主版本",
            "reason": "三个月试点",
            "approver": "合规部 李敏",
            "expires": "2027-02-28",
        }
    ],
}
DURATION = re.compile(r"^(\d+)(h|m| calendar days?| working days?| working hours?)$")
LADDERS = {
    "tier": ["agent", "supervisor", "director", "nobody"],
    "severity": ["normal", "major", "critical", "unknown"],
}
LADDER_KEYS = {
    "owner": "tier",
    "approver": "tier",
    "to": "tier",
    "raise_to": "severity",
    "default": "severity",
}
CHOICES = {
    "kind": ["refund", "voucher", "goodwill"],
    "applies_to": ["resolution", "first_response", "remedy:refund"],
    "certainty": ["verified", "secondary", "uncertain"],
    "step": ["receive", "assess"],
    "time_zone": ["Asia/Urumqi"],
    "phone": ["8500"],
    "category": ["delivery", ""],
}
# What a list of values may gain (a value the list does not have yet).
NEW_MEMBERS = {
    "rules": ["PB701", "PB703"],
    "rest_days": [5, 4],
    "remedy_kinds": ["goodwill", "service-redo", "compensation"],
    "channels": ["email", "phone"],
    "customer_types": ["demanding"],
    "remedies": ["refund", "free-repair"],
    "signals": ["repeat"],
}
ITEM_KEYS = (
    "id",
    "phrase",
    "when",
    "name",
    "situation",
    "title",
    "date",
    "to",
    "file",
    "start",
    "term",
)


@cache
def enriched() -> dict[str, dict[str, Any]]:
    """Every example file's data with the optional parts filled in."""
    data = {}
    for target, name in TARGET_FILES.items():
        base = load_data((EXAMPLE_BASE / name).read_text(encoding="utf-8"))
        data[name] = deep_merge(base, ENRICH.get(target, {}))
    data["exceptions.yaml"] = EXCEPTIONS
    return data


@cache
def _loaded(name: str) -> LoadedFile:
    return load_bytes(f"playbooks/{name}", dump_yaml(enriched()[name]).encode())


def playbooks(changed: dict[str, Any], without: str = "") -> PlaybookSet | None:
    """The enriched set with ``changed`` files (data, or text as written) and without the file
    ``without``."""

    def text(value: Any) -> bytes:
        return (value if isinstance(value, str) else dump_yaml(value)).encode()

    names = [n for n in dict.fromkeys([*enriched(), *changed]) if n != without]
    loaded = [
        load_bytes(f"playbooks/{n}", text(changed[n])) if n in changed else _loaded(n)
        for n in names
    ]
    side = assemble_side("对比", "测试", "playbooks", loaded)
    return None if side.problems else side.playbooks


def _durations(value: str) -> list[str]:
    match = DURATION.match(value)
    assert match is not None
    n, unit = int(match[1]), match[2]
    found = [f"{n + 1}{unit}", f"{n * 24}h", f"{n * 7 // 5 * 24}h", f"{n} working hours"]
    if n > 1:
        found.append(f"{n - 1}{unit}")
    if unit.endswith("s"):
        found.append(f"{n}{unit[:-1]}")
    elif unit.startswith(" "):
        found.append(f"{n}{unit}s")
    return [v for v in found if v != value]


def _new_item(item: Any, index: int) -> Any:
    if not isinstance(item, dict):
        return f"{item}甲{index}"
    changed = copy.deepcopy(item)
    key = next(k for k in ITEM_KEYS if k in changed)
    if key == "date":
        changed[key] = f"2026-03-{index + 1:02d}"
    elif key == "file":
        changed[key] = "calendar.yaml"
    elif key == "start":  # a break later in the day
        changed.update(start="15:00", end="15:30")
    else:
        changed[key] = (
            f"{changed[key]}-x{index}" if key in ("id", "to") else f"{changed[key]}甲{index}"
        )
    return changed


def _values(key: str, value: Any) -> list[Any]:
    """Other values a leaf may take."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        return [value + 1, max(0, value - 1)]
    if key in LADDER_KEYS:
        return [v for v in LADDERS[LADDER_KEYS[key]] if v != value]
    if key in CHOICES:
        return [v for v in CHOICES[key] if v != value]
    if DURATION.match(str(value)):
        return _durations(value)
    if re.fullmatch(r"\d\d:\d\d", str(value)):
        hour = int(value[:2])
        return [f"{hour + 1:02d}{value[2:]}", f"{hour - 1:02d}{value[2:]}"]
    if re.fullmatch(r"\d{4}-\d\d-\d\d", str(value)):
        year = int(value[:4])
        return [f"{year + 1}{value[4:]}", f"{year - 1}{value[4:]}"]
    return [f"{value}改"]


def _edits(node: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """(what, edited copy of ``node``) for every one-place edit below ``node``."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("id", "version") or (k == "kind" and not key):
                continue
            for what, edited in _edits(v, k):
                yield what, {**node, k: edited}
            yield f"drop {k}", {kk: vv for kk, vv in node.items() if kk != k}
    elif isinstance(node, list):
        if node:
            yield f"drop first of {key}", node[1:]
            yield f"reverse {key}", node[::-1]
            for what, edited in _edits(node[0], key):
                yield what, [edited, *node[1:]]
        extra = [v for v in NEW_MEMBERS.get(key, []) if v not in node]
        if extra and not any(isinstance(item, dict) for item in node):
            yield f"add to {key}", [*node, extra[0]]
        elif node:
            yield f"add to {key}", [*node, _new_item(node[0], len(node))]
    else:
        for value in _values(key, node):
            yield f"{key} -> {value}", value


CATEGORY = TARGET_FILES["category"]


def _with(name: str, **fields: Any) -> dict[str, Any]:
    return {**enriched()[name], **fields}


def _action(text: str) -> dict[str, Any]:
    """The category with its first step's first action reworded."""
    data = copy.deepcopy(enriched()[CATEGORY])
    data["procedure"][0]["actions"] = [text]
    return data


def _released(version: str, effective: str) -> dict[str, Any]:
    entry = {"version": version, "date": effective, "changes": ["修订"]}
    changelog = [entry, *enriched()[CATEGORY]["changelog"]]
    return _with(CATEGORY, version=version, effective=effective, changelog=changelog)


def _renamed() -> dict[str, Any]:
    return {"categories/product-issue.yaml": _with(CATEGORY, id="product-issue")}


def _suppressed() -> str:
    lines = dump_yaml(enriched()[CATEGORY]).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith('"summary":'))
    lines[at] += "  # playbook: disable=PB412 示例"
    return "\n".join(lines) + "\n"


# Edits around the content: promises in wording, history, effective dates, comments, renames.
SCENARIOS: list[tuple[str, dict[str, Any], str]] = [
    ("a promise", {CATEGORY: _action("记录投诉内容，三天内全额退款")}, ""),
    ("a longer promise", {CATEGORY: _action("7 个自然日内退款")}, "10 个自然日内退款"),
    ("a larger amount", {CATEGORY: _action("补偿 50 元")}, "补偿 80 元"),
    ("another promise", {CATEGORY: _action("7 个自然日内退款")}, "当天全额退款"),
    ("a forbidden phrase", {CATEGORY: _action("这不归我管，记录投诉内容")}, ""),
    ("a released version", {CATEGORY: _released("1.1.0", "2026-03-01")}, ""),
    (
        "an entry's version",
        {
            CATEGORY: _with(
                CATEGORY, changelog=[{**enriched()[CATEGORY]["changelog"][0], "version": "0.9.0"}]
            )
        },
        "",
    ),
    ("a later date", {CATEGORY: _with(CATEGORY, effective="2026-06-01")}, ""),
    ("a suppression", {CATEGORY: _suppressed()}, ""),
]


def _scenario_heads() -> list[tuple[str, PlaybookSet | None]]:
    heads = []
    for what, changed, reworded in SCENARIOS:
        heads.append((what, playbooks(changed)))
        if reworded:
            heads.append((what, playbooks({CATEGORY: _action(reworded)})))
    heads.append(("a whole category", playbooks({}, without=CATEGORY)))
    heads.append(("a rename", playbooks(_renamed(), without=CATEGORY)))
    return heads


@cache
def reached() -> dict[tuple[str, ChangeLevel], str]:
    """Every (change id, class) the sweep produces, with the edit that produced it."""
    base = playbooks({})
    assert base is not None, "the enriched example base must be valid"
    heads = [
        (f"{name}: {what}", playbooks({name: edited}))
        for name, data in enriched().items()
        for what, edited in _edits(data)
    ]
    found: dict[tuple[str, ChangeLevel], str] = {}
    for what, head in heads:
        for old, new in ((base, head), (head, base)) if head else ():
            for change in compare(old, new).changes:
                found.setdefault((change.id, change.level), what)
    scenarios = _scenario_heads()
    pairs = [(a, b) for _, a in scenarios for b in (base, *(h for _, h in scenarios)) if a and b]
    for old, new in pairs:
        for change in compare(old, new).changes:
            found.setdefault((change.id, change.level), "scenario")
    # what the release of the version did, as git would tell it
    later = playbooks({CATEGORY: _with(CATEGORY, effective="2026-06-01")})
    assert later is not None
    for did in (ChangeLevel.LOOSENED, ChangeLevel.TIGHTENED):
        for old, new in ((base, later), (later, base)):
            for change in compare(old, new, lambda header, did=did: (did, "示例")).changes:
                found.setdefault((change.id, change.level), f"a moved date, release {did}")
    return found


def test_every_catalogued_change_type_is_reachable():
    missing = [
        f"{t.id} ({t.level.value})" for t in change_types() if (t.id, t.level) not in reached()
    ]
    assert not missing, "never reported: " + ", ".join(missing)


def test_every_reported_change_is_catalogued():
    catalogued = {(t.id, t.level) for t in change_types()}
    assert set(reached()) <= catalogued
    assert len(reached()) == len(catalogued)


def test_the_comparer_cannot_report_an_uncatalogued_change():
    with pytest.raises(LookupError):
        change_type("limit-vanished", ChangeLevel.LOOSENED)
    with pytest.raises(LookupError):
        change_type("limit-longer", ChangeLevel.TIGHTENED)


def test_each_entry_has_a_class_a_description_and_a_place():
    for entry in change_types():
        assert entry.description and entry.where, entry
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", entry.id), entry.id
    ids = [t.id for t in change_types()]
    assert "limit-longer" in ids and "playbook-removed" in ids


def test_labels_are_the_schema_words():
    places = {place for t in change_types() for place in t.where}
    assert "投诉类别 › 概述" in places
    assert "投诉类别 › 检索词" in places
    assert not any("摘要" in p or "搜索关键词" in p for p in places)
