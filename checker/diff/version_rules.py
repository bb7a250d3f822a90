"""Version discipline across a change (PB7xx): the version number says what kind of change it is.

These rules compare two versions of the playbooks, so they run in ``playbook diff`` (stage
``diff``), not in ``playbook check``; ``checker.diff.versions`` applies them. Each example is
merged into the HEAD copy of the example playbooks while the BASE copy stays unchanged.
"""

from __future__ import annotations

from checker.findings import Example, Severity, Stage, define

NOTE = "示例并入对比版本（HEAD）；基准版本（BASE）是未修改的示例手册 1.0.0。"
NEW_FILE_NOTE = (
    "id 与基准中的任何类别都不同，所以作为新文件 categories/damaged-parcel.yaml 加入对比版本。"
)


def _release(
    version: str, date: str, change: str, effective: str | None = None, first: bool = False
) -> str:
    """A header snippet: the new version, its effective date and changelog (newest first);
    ``first`` for a new playbook, whose changelog has no earlier entry."""
    entry = (
        f'version: "{version}"\n'
        f'effective: "{effective or date}"\n'
        "changelog:\n"
        f'  - version: "{version}"\n'
        f'    date: "{date}"\n'
        "    changes:\n"
        f"      - {change}\n"
    )
    if first:
        return entry
    return entry + '  - version: "1.0.0"\n    date: "2026-01-05"\n    changes:\n      - 首个版本\n'


LOOSEN = 'limits:\n  normal:\n    resolution: "8 working days"\n'
TIGHTEN = 'limits:\n  normal:\n    resolution: "6 working days"\n'
REWORD = "summary: 产品存在做工缺陷、功能故障或性能达不到说明书标准\n"
LOOSENED_NOTE = "一般投诉的解决时限由 7 个工作日放宽为 8 个工作日。"
TIGHTENED_NOTE = "一般投诉的解决时限由 7 个工作日缩短为 6 个工作日。"
REWORDED_NOTE = "概述改写得更具体，含义不变。"


def _new_category(version: str) -> str:
    return (
        "id: damaged-parcel\n"
        "title: 包裹破损\n"
        + _release(version, "2026-02-20", "首次发布包裹破损类投诉处理规范。", first=True)
        + "summary: 客户收到的包裹外箱破损或商品在运输中损坏\n"
        + "cases:\n  - 冰箱送达时侧板凹陷\n"
    )


VERSION_RAISED = define(
    "PB701",
    "version-raised",
    Severity.ERROR,
    "手册内容有实质变更（放宽、收紧、新增、删除），版本号就必须升高：放宽升主版本号，其余至少升次版本号。",
    "版本号是员工和合规确认“手册改过了”的唯一标志：内容变了而版本号不变，已打印或已培训的旧版本"
    "与新内容无法区分，也无法在变更记录中追溯。版本号没变时只报这一条，提示里写明至少要升到哪个版本。",
    good=(Example(LOOSEN + _release("2.0.0", "2026-02-20", LOOSENED_NOTE), note=NOTE),),
    bad=(Example(LOOSEN, note=NOTE), Example(TIGHTEN, note=NOTE)),
    stage=Stage.DIFF,
)

LOOSENING_MAJOR = define(
    "PB702",
    "loosening-needs-major",
    Severity.ERROR,
    "放宽义务（时限延长、步骤或话术删除、权限下放、禁用语或监管上限取消等）必须升主版本号：只升次版本号或修订号不够。",
    "放宽会让客户得到的服务变差，是合规审批的重点；主版本号变化让每一位审阅者和一线员工都注意到。"
    "0.x 试行版本中，次版本号的升高视为主版本升级。",
    good=(Example(LOOSEN + _release("2.0.0", "2026-02-20", LOOSENED_NOTE), note=NOTE),),
    bad=(Example(LOOSEN + _release("1.1.0", "2026-02-20", LOOSENED_NOTE), note=NOTE),),
    stage=Stage.DIFF,
)

TIGHTENING_MINOR = define(
    "PB703",
    "tightening-needs-minor",
    Severity.ERROR,
    "收紧义务、新增或删除条目，至少升次版本号：只升修订号不够。",
    "新增和收紧的要求需要培训员工、调整排班或系统；次版本号的变化提示各部门这一版有新的做法。"
    "0.x 试行版本中，修订号的升高视为次版本升级。",
    good=(Example(TIGHTEN + _release("1.1.0", "2026-02-20", TIGHTENED_NOTE), note=NOTE),),
    bad=(Example(TIGHTEN + _release("1.0.1", "2026-02-20", TIGHTENED_NOTE), note=NOTE),),
    stage=Stage.DIFF,
)

WORDING_PATCH = define(
    "PB704",
    "wording-needs-patch",
    Severity.ERROR,
    "只改措辞（概述、动作、话术、标题、说明），版本号也要升高，至少升修订号。",
    "话术和说明是员工对客户说的原话，改一个字也可能改变客户的理解；修订号让这些修改可以追溯。",
    good=(Example(REWORD + _release("1.0.1", "2026-02-20", REWORDED_NOTE), note=NOTE),),
    bad=(Example(REWORD, note=NOTE),),
    stage=Stage.DIFF,
)

VERSION_NOT_LOWERED = define(
    "PB705",
    "version-not-lowered",
    Severity.ERROR,
    "版本号只能升高，不能比基准版本低。",
    "降低的版本号会和已经发布过的旧版本重号或倒序，培训记录和投诉工单引用的版本号就对不上了。",
    good=(Example(REWORD + _release("1.0.1", "2026-02-20", REWORDED_NOTE), note=NOTE),),
    bad=(
        Example(
            REWORD + 'version: "0.9.0"\nchangelog:\n  - version: "0.9.0"\n    date: "2026-01-05"\n'
            "    changes:\n      - 试行版本\n",
            note=NOTE,
        ),
    ),
    stage=Stage.DIFF,
)

CHANGELOG_NEW_VERSION = define(
    "PB706",
    "changelog-for-new-version",
    Severity.ERROR,
    "升了版本号，变更记录的第一条就必须是这个新版本，生效日期不得早于它的变更日期。",
    "变更记录告诉员工这一版改了什么；只改版本号不写记录，或生效日期早于定稿日期，审阅者无从核对。",
    good=(Example(TIGHTEN + _release("1.1.0", "2026-02-20", TIGHTENED_NOTE), note=NOTE),),
    bad=(
        Example(TIGHTEN + 'version: "1.1.0"\n', note=NOTE),
        Example(
            TIGHTEN + _release("1.1.0", "2026-02-20", TIGHTENED_NOTE, effective="2026-02-01"),
            note=NOTE,
        ),
    ),
    stage=Stage.DIFF,
)

NEW_PLAYBOOK_VERSION = define(
    "PB707",
    "new-playbook-version",
    Severity.ERROR,
    "新手册从 1.0.0（正式发布）或 0.1.0 至 0.9.x（试行稿）开始，其他起始版本号都是错误。",
    "从 2.3.0 这样的版本号开始，读者会以为存在过更早的版本并去找它的变更记录；"
    "正式发布从 1.0.0 开始，试行稿用 0.x 表示尚未定稿。",
    good=(Example(_new_category("1.0.0"), note=NEW_FILE_NOTE),),
    bad=(Example(_new_category("2.3.0"), note=NEW_FILE_NOTE),),
    stage=Stage.DIFF,
)

LOOSENED_CHANGE = define(
    "PB708",
    "loosened-change",
    Severity.WARNING,
    "放宽义务的每一处变更都标注在改动的行上（GitHub 注释和 SARIF），供合规逐条审阅。",
    "放宽是合规审批的重点：在 PR 的 Files changed 页上直接看到哪一行放宽了什么、为什么这样归类，"
    "比只看版本号检查的结论更不容易漏掉。这是提示审阅的警告，不会让检查失败。",
    good=(Example(TIGHTEN + _release("1.1.0", "2026-02-20", TIGHTENED_NOTE), note=NOTE),),
    bad=(Example(LOOSEN + _release("2.0.0", "2026-02-20", LOOSENED_NOTE), note=NOTE),),
    stage=Stage.DIFF,
)

RULES = (
    VERSION_RAISED,
    LOOSENING_MAJOR,
    TIGHTENING_MINOR,
    WORDING_PATCH,
    VERSION_NOT_LOWERED,
    CHANGELOG_NEW_VERSION,
    NEW_PLAYBOOK_VERSION,
    LOOSENED_CHANGE,
)
