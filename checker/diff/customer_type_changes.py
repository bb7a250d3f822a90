"""Changes of the customer types (customer-types.yaml): needs, types, strategies, scripts and
what to avoid."""

from __future__ import annotations

from checker.diff.pairing import pair_items
from checker.diff.recorder import ADDED, LOOSENED, REMOVED, TIGHTENED, ChangeRecorder
from checker.model import At, CustomerType, CustomerTypes, Script
from checker.model.vocabulary import STEP_NAMES


def compare_customer_types(rec: ChangeRecorder, base: CustomerTypes, head: CustomerTypes) -> None:
    rec.header(base.header, head.header)
    rec.texts(
        "need",
        "客户的心理需求",
        base.needs,
        head.needs,
        base.header.at.child("needs"),
        head.header.at.child("needs"),
        obligation=False,
    )
    for old, new in rec.items(
        base.types, head.types, lambda t: t.id, "customer-type", "客户类型", REMOVED, ADDED, "title"
    ):
        _customer_type(rec, old, new)


def _customer_type(rec: ChangeRecorder, old: CustomerType, new: CustomerType) -> None:
    name = f"客户类型「{new.title}」"
    rec.fields(
        name,
        old,
        new,
        (
            ("title", "customer-type-title", "名称"),
            ("description", "customer-type-description", "说明"),
        ),
    )
    rec.texts(
        "customer-recognition",
        f"{name}的识别要点",
        old.recognition,
        new.recognition,
        old.at.child("recognition"),
        new.at.child("recognition"),
        obligation=False,
    )
    rec.texts(
        "customer-strategy",
        f"{name}的应对策略",
        old.strategies,
        new.strategies,
        old.at.child("strategies"),
        new.at.child("strategies"),
        obligation=False,
    )
    rec.texts(
        "customer-avoid",
        f"{name}的禁忌",
        old.avoid,
        new.avoid,
        old.at.child("avoid"),
        new.at.child("avoid"),
        obligation=True,
    )
    pairing = pair_items(
        old.scripts, new.scripts, key=lambda s: s.situation, text=lambda s: s.situation
    )
    for _, script in pairing.removed:
        rec.removed(
            LOOSENED,
            "customer-script",
            f"{name}在「{script.situation}」时的话术",
            script.text,
            _item(script),
        )
    for _, script in pairing.added:
        rec.added(
            TIGHTENED,
            "customer-script",
            f"{name}在「{script.situation}」时的话术",
            script.text,
            _item(script),
        )
    for (_, before), (_, after) in pairing.pairs:
        rec.text(
            "customer-script-situation",
            f"{name}的话术场景",
            before.situation,
            after.situation,
            _item(before, "situation"),
            _item(after, "situation"),
        )
        rec.text(
            "customer-script",
            f"{name}在「{after.situation}」时的话术",
            before.text,
            after.text,
            before.at,
            after.at,
        )
        rec.text(
            "customer-script-step",
            f"{name}在「{after.situation}」时的话术所属步骤",
            STEP_NAMES.get(before.step, before.step),
            STEP_NAMES.get(after.step, after.step),
            _item(before, "step"),
            _item(after, "step"),
        )


def _item(script: Script, field: str | None = None) -> At:
    """A customer-type script's ``at`` points at its text; its item is one level up."""
    item = At(script.at.source, script.at.pointer[:-1])
    return item.child(field) if field else item
