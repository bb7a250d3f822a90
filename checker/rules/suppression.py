"""Rules about in-place suppression comments (applied by the engine after all other rules)."""

from checker.findings import Severity
from checker.rules.registry import Example, define

_VOUCHER = (
    "remedies:\n  - {id: voucher, title: 代金券, kind: voucher, approver: agent,"
    " conditions: 轻微不便}"
)

SUPPRESSION_REASON = define(
    "PB901",
    "suppression-needs-reason",
    Severity.ERROR,
    "抑制注释必须写明原因：# playbook: disable=规则号 原因。",
    "每一条被抑制的检查都是一次有意识的例外，合规审阅时要看到为什么；没有原因的抑制不会生效。",
    good=(Example(_VOUCHER + "  # playbook: disable=PB412 面额由营销活动统一规定\n"),),
    bad=(Example(_VOUCHER + "  # playbook: disable=PB412\n"),),
    stage="engine",
)
UNUSED_SUPPRESSION = define(
    "PB902",
    "unused-suppression",
    Severity.WARNING,
    "抑制注释所在的行没有对应规则的问题，应当删除。",
    "过期的抑制注释会在将来悄悄掩盖新问题。",
    good=(Example('limits:\n  normal:\n    resolution: "7 working days"\n'),),
    bad=(
        Example(
            'limits:\n  normal:\n    resolution: "7 working days"  # playbook: disable=PB304 历史遗留\n'
        ),
    ),
    stage="engine",
)
