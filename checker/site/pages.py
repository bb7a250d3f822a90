"""Playbook model -> Markdown pages. Pure functions: no MkDocs import, no file access.

``render_pages`` returns ``{path: markdown}`` for every generated page; the MkDocs plugin and
``playbook render`` both call it, so the handbook does not depend on one generator's API.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath

from checker.deadlines.timeline import timeline
from checker.deadlines.working_time import OutsideCalendar, WorkCalendar
from checker.findings import Rule
from checker.model import Category, Guidance, Header, NamedDate, PlaybookSet, Policy, ProcedureStep
from checker.model.vocabulary import LIMIT_METRICS, METRIC_TITLES, REMEDY_KIND_NAMES, STEP_NAMES
from checker.site.calculator import data_script
from checker.site.markdown import (
    admonition,
    bullet_list,
    code_block,
    mermaid_label,
    table,
    tabs,
    text,
)

SOURCE_DIR = "yaml"  # where the YAML sources are published inside the site


def source_path(path: str, playbooks_root: str) -> str:
    """Site path of a playbook's YAML source, e.g. yaml/categories/product-quality.yaml."""
    relative = PurePosixPath(path).relative_to(PurePosixPath(playbooks_root))
    return f"{SOURCE_DIR}/{relative.as_posix()}"


class Names:
    """Chinese titles of the ids a page mentions, read from the policy."""

    def __init__(self, playbooks: PlaybookSet) -> None:
        policy = playbooks.policy
        self.severity = {s.id: s.title for s in policy.severities} if policy else {}
        self.tier = {t.id: t.title for t in policy.tiers} if policy else {}
        self.channel = {c.id: c.title for c in policy.channels} if policy else {}
        self.category = {c.id: c.title for c in playbooks.categories}
        types = playbooks.customer_types.types if playbooks.customer_types else ()
        self.customer_type = {t.id: t.title for t in types}


# ---- shared fragments ------------------------------------------------------------------------


def _version_block(header: Header, source_link: str) -> str:
    lines = [
        "## 版本与变更",
        "",
        f"版本 **{text(header.version)}** · 生效日期 {text(header.effective)} · "
        f"负责部门：{text(header.owner)} · [查看 YAML 源文件]({source_link})",
        "",
    ]
    for entry in header.changelog:
        author = f"（{text(entry.author)}）" if entry.author else ""
        lines.append(f"- **{text(entry.version)}**，{text(entry.date)}{author}")
        lines += [f"    - {text(change)}" for change in entry.changes]
    return "\n".join(lines) + "\n"


def _guidance_list(items: Sequence[Guidance]) -> str:
    out = []
    for item in items:
        line = f"- **{text(item.title)}**：{text(item.description)}"
        if item.example:
            line += f"\n\n    例：{text(item.example)}"
        out.append(line)
    return "\n".join(out) + "\n"


def process_diagram() -> str:
    nodes = list(STEP_NAMES.items())
    lines = ["```mermaid", "flowchart TD"]
    for i, (_, name) in enumerate(nodes):
        lines.append(f'    S{i}["{i + 1}. {mermaid_label(name)}"]')
    lines.append("    " + " --> ".join(f"S{i}" for i in range(len(nodes))))
    lines.append("```")
    return "\n".join(lines) + "\n"


def escalation_diagram(category: Category, severity: str, names: Names) -> str:
    """The path as a diagram (times on the arrows) followed by a table of the conditions."""
    path = category.escalation[severity]
    lines = ["```mermaid", "flowchart LR"]
    lines.append(f'    T0["{mermaid_label(names.tier.get(path.owner, path.owner))}（负责）"]')
    for i, step in enumerate(path.steps, start=1):
        label = mermaid_label(f"{step.after.label()}未解决")
        lines.append(f'    T{i}["{mermaid_label(names.tier.get(step.to, step.to))}"]')
        lines.append(f'    T{i - 1} -->|"{label}"| T{i}')
    lines.append("```")
    diagram = "\n".join(lines) + "\n"
    if not path.steps:
        return diagram + "\n全程由负责层级处理，不再升级。\n"
    rows = (
        (
            text(step.after.label()),
            f"[{text(names.tier.get(step.to, step.to))}](../tiers.md#tier-{step.to})",
            text(step.when),
        )
        for step in path.steps
    )
    return diagram + "\n" + table(("收到投诉后仍未解决", "转给", "或立即升级的情形"), rows)


# ---- pages -----------------------------------------------------------------------------------


def home_page(playbooks: PlaybookSet, names: Names) -> str:
    policy = playbooks.policy
    purpose = text(policy.purpose) if policy and policy.purpose else ""
    rows = [
        (
            f"[{text(c.title)}](categories/{c.id}.md)",
            text(names.severity.get(c.default_severity, c.default_severity)),
            text(c.summary),
        )
        for c in playbooks.categories
    ]
    return "\n".join(
        [
            "# 投诉处理手册",
            "",
            purpose,
            "",
            admonition(
                "tip",
                "客户正在线上？",
                "在页面顶部的搜索框输入关键词（例如 退款、情绪激动、送货延迟），"
                "直接打开对应的处理规范；每一步都有可一键复制的话术。"
                "第一次使用请先读 [一线员工速查](guides/quick-start.md)。",
            ),
            "## 处理流程",
            "",
            "每一件投诉都按以下八个步骤处理，各类别的具体动作、话术和时限见各类别页面。",
            "",
            process_diagram(),
            "## 从哪里开始",
            "",
            "- 判断投诉属于哪一类：见下表，或 [投诉类别总览](categories/index.md)。",
            "- 判断严重程度：[严重程度](severities.md)；拿不准时按更高一级处理。",
            "- 需要转交或审批：[升级层级与审批权限](tiers.md)。",
            "- 需要知道截止时间：[时限总表](limits.md)。",
            "- 面对情绪激动或难以沟通的客户：[客户类型](customer-types.md)。",
            "- 找一句合适的话：[话术库](scripts.md)。",
            "",
            "## 投诉类别",
            "",
            table(("类别", "默认严重程度", "概述"), rows),
        ]
    )


def categories_index(playbooks: PlaybookSet, names: Names) -> str:
    rows = [
        (
            f"[{text(c.title)}]({c.id}.md)",
            text(names.severity.get(c.default_severity, c.default_severity)),
            "、".join(text(k) for k in c.keywords),
        )
        for c in playbooks.categories
    ]
    return "# 投诉类别总览\n\n" + table(("类别", "默认严重程度", "检索词"), rows)


def _limits_table(category: Category, names: Names) -> str:
    rows = []
    for severity, limits in category.limits.items():
        rows.append(
            (
                text(names.severity.get(severity, severity)),
                *(text(limits.metric(m).duration.label()) for m in LIMIT_METRICS),
            )
        )
    headers = ("严重程度", *(METRIC_TITLES[m] for m in LIMIT_METRICS))
    return table(headers, rows)


def _step_section(index: int, step: ProcedureStep, names: Names, category: Category) -> str:
    lines = [
        f"### {index}. {text(step.title)} {{#step-{step.id}}}",
        "",
        f"负责：[{text(names.tier.get(step.owner, step.owner))}](../tiers.md#tier-{step.owner})",
        "",
        bullet_list(step.actions),
    ]
    if step.remedies:
        titles = {r.id: r.title for r in category.remedies}
        offered = "、".join(text(titles.get(r, r)) for r in step.remedies)
        lines += [f"本步可提出的补救措施：{offered}（见 [补救措施与审批](#remedies)）", ""]
    if step.scripts:
        lines.append("**话术**")
        lines.append("")
        lines.append(
            tabs(
                (names.channel.get(channel, channel), code_block(script.text))
                for channel, script in step.scripts.items()
            )
        )
    if step.tips:
        lines.append(admonition("warning", "注意", bullet_list(step.tips)))
    return "\n".join(lines) + "\n"


def category_page(
    category: Category,
    playbooks: PlaybookSet,
    names: Names,
    source: str,
    example: dt.datetime | None = None,
) -> str:
    """One category's page; ``example`` is when the worked example timeline starts."""
    default = category.default_severity
    limits = category.limits.get(default)
    path = category.escalation.get(default)
    quick = [f"- 默认严重程度：**{text(names.severity.get(default, default))}**"]
    if limits:
        quick.append(
            f"- 首次响应：{text(limits.first_response.duration.label())}内；"
            f"解决：{text(limits.resolution.duration.label())}内"
        )
    if path:
        quick.append(f"- 负责层级：{text(names.tier.get(path.owner, path.owner))}")
    if category.legal_involve_when:
        first, count = category.legal_involve_when[0], len(category.legal_involve_when)
        more = f"等 {count} 种情形" if count > 1 else ""
        quick.append(f"- 立即通知法务：{text(first)}{more}（见 [法务介入](#legal)）")
    parts = [
        f"# {text(category.title)}",
        "",
        text(category.summary),
        "",
        admonition("abstract", "一线速查", "\n".join(quick) + "\n"),
        "## 典型案例",
        "",
        bullet_list(category.cases),
        "## 如何识别",
        "",
        bullet_list(category.recognition),
    ]
    if category.keywords:
        parts += [f"检索词：{'、'.join(text(k) for k in category.keywords)}", ""]
    parts += ["## 严重程度", "", f"默认为「{text(names.severity.get(default, default))}」。"]
    if category.triggers:
        parts += [
            "出现以下情形时提高等级：",
            "",
            table(
                ("情形", "提高到"),
                (
                    (text(t.when), text(names.severity.get(t.raise_to, t.raise_to)))
                    for t in category.triggers
                ),
            ),
        ]
    parts += [
        "",
        "## 时限",
        "",
        "时限从收到投诉时起算（进展通报为间隔）。",
        "",
        _limits_table(category, names),
    ]
    parts.append(_example_timeline(category, playbooks, names, example))
    parts += [
        "## 升级路径",
        "",
        tabs(
            (names.severity.get(s, s), escalation_diagram(category, s, names))
            for s in category.escalation
        ),
        "## 处理步骤",
        "",
    ]
    for i, step in enumerate(category.procedure, start=1):
        parts.append(_step_section(i, step, names, category))
    parts += ["## 补救措施与审批 {#remedies}", "", _remedies_table(category, names)]
    parts += ["## 需收集的证据", "", bullet_list(category.evidence)]
    parts += ["## 法务介入 {#legal}", "", bullet_list(category.legal_involve_when)]
    if category.legal_notes:
        parts += [text(category.legal_notes), ""]
    if category.customer_types:
        links = "、".join(
            f"[{text(names.customer_type.get(t, t))}](../customer-types.md#type-{t})"
            for t in category.customer_types
        )
        parts += ["## 常见客户类型", "", links, ""]
    if category.related:
        links = "、".join(f"[{text(names.category.get(r, r))}]({r}.md)" for r in category.related)
        parts += ["## 相关类别", "", links, ""]
    parts.append(_version_block(category.header, f"../{source}"))
    return "\n".join(parts)


WEEKDAY_NAMES = "一二三四五六日"


def example_received(playbooks: PlaybookSet) -> dt.datetime | None:
    """17:40 on the last working day before the longest run of days off in the calendar:
    the moment a worked example is most instructive."""
    cal = playbooks.calendar
    if cal is None:
        return None
    work = WorkCalendar(cal)
    best: tuple[int, dt.date] | None = None
    day, run, before = cal.data_from, 0, None
    while day <= cal.data_until:
        if work.is_working_day(day):
            if run and before and (best is None or run > best[0]):
                best = (run, before)
            run, before = 0, day
        else:
            run += 1
        day += dt.timedelta(days=1)
    return dt.datetime.combine(best[1], dt.time(17, 40)) if best else None


def _when(moment: dt.datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}（周{WEEKDAY_NAMES[moment.weekday()]}）"


def _example_timeline(
    category: Category, playbooks: PlaybookSet, names: Names, received: dt.datetime | None
) -> str:
    severity = category.default_severity
    if received is None or severity not in category.limits:
        return ""
    try:
        items = timeline(playbooks, category.id, severity, received)
    except (OutsideCalendar, ValueError):
        return ""
    rows = ((text(_when(d.due)), text(d.title), text(d.duration.label())) for d in items)
    return "\n".join(
        [
            "### 时限示例",
            "",
            f"一件「{text(names.severity.get(severity, severity))}」投诉在长假前最后一个工作日的 "
            f"{text(_when(received))} 收到，各项截止时间如下（按工作日历计算，节假日不计入工作时间）。"
            "其他时间和严重程度请用 [时限计算器](../calculator.md)。",
            "",
            table(("截止时间", "事项", "依据时限"), rows),
        ]
    )


def _dates_table(what: str, dates: Sequence[NamedDate]) -> str:
    return table(
        ("日期", what),
        ((text(f"{d.date}（周{WEEKDAY_NAMES[d.date.weekday()]}）"), text(d.name)) for d in dates),
    )


def calculator_page(playbooks: PlaybookSet) -> str:
    cal = playbooks.calendar
    if cal is None:
        return "# 时限计算器\n\n没有工作日历（calendar.yaml），无法计算工作时间。\n"
    form = (
        '<div id="deadline-calculator" class="deadline-calculator">\n'
        '<p><label>投诉类别 <select name="category"></select></label>\n'
        '<label>严重程度 <select name="severity"></select></label>\n'
        '<label>收到投诉的时间 <input type="datetime-local" name="received"></label></p>\n'
        '<div class="deadline-calculator__result" aria-live="polite"></div>\n'
        "</div>\n"
    )
    holidays = _dates_table("节日", cal.holidays)
    make_up = _dates_table("调休", cal.make_up_workdays)
    return "\n".join(
        [
            "# 时限计算器",
            "",
            "选择投诉类别、严重程度和收到投诉的时间，立即算出首次响应、每次进展通报、每次升级、解决和回访的截止时间。"
            "计算在浏览器中完成，不需要联网。",
            "",
            form,
            data_script(playbooks),
            "",
            "## 计算规则 {#rules}",
            "",
            f"- 工作时间：每周{text('、'.join(WEEKDAY_NAMES[d - 1] for d in range(1, 8) if d not in cal.rest_days))}，"
            f"{cal.start:%H:%M}–{cal.end:%H:%M}；法定节假日休息，调休上班日照常上班。",
            "- 以分钟、小时写的时限（如 30m、4h）按自然时间连续计算，夜间和节假日也计时。",
            "- 以工作小时写的时限只在工作时间内计时；下班后收到的投诉从下一个工作日上班时开始计时。",
            "- 以天写的时限（自然日、工作日）参照《民法典》第二百零一条、第二百零三条：收到投诉当天不计入，"
            "从次日起算；最后一天遇休息日或节假日顺延到其后第一个工作日；截止时间为当天下班时间。",
            f"- 日历数据覆盖 {cal.data_from} 至 {cal.data_until}（{text(cal.source)}）。"
            "超出这个范围的时限无法计算，计算器会明确提示，不会猜测。",
            "",
            "## 法定节假日 {#holidays}",
            "",
            holidays,
            "## 调休上班日 {#make-up-workdays}",
            "",
            make_up,
            text(cal.notes) if cal.notes else "",
            "",
            _version_block(cal.header, "yaml/calendar.yaml"),
        ]
    )


def _remedies_table(category: Category, names: Names) -> str:
    rows = []
    for r in category.remedies:
        rows.append(
            (
                text(r.title),
                text(REMEDY_KIND_NAMES.get(r.kind, r.kind)),
                f"{r.max_amount} 元" if r.max_amount is not None else "—",
                f"[{text(names.tier.get(r.approver, r.approver))}](../tiers.md#tier-{r.approver})",
                text(r.execute_within.label()) if r.execute_within else "—",
                text(r.conditions),
            )
        )
    return table(("措施", "种类", "单笔上限", "审批层级", "执行时限", "适用条件"), rows)


def severities_page(policy: Policy) -> str:
    parts = ["# 严重程度", "", "拿不准时，按更高一级处理。", ""]
    for level in policy.severities:
        parts += [
            f"## {text(level.title)} {{#severity-{level.id}}}",
            "",
            text(level.definition),
            "",
            "**判定因素**",
            "",
            bullet_list(level.factors),
        ]
        if level.examples:
            parts += ["**示例**", "", bullet_list(level.examples)]
    return "\n".join(parts)


def tiers_page(policy: Policy) -> str:
    rows = [
        (
            f"[{text(t.title)}](#tier-{t.id})",
            f"{t.max_amount} 元",
            "、".join(text(REMEDY_KIND_NAMES.get(k, k)) for k in sorted(t.remedy_kinds)),
        )
        for t in policy.tiers
    ]
    parts = [
        "# 升级层级与审批权限",
        "",
        "层级从一线向上排列；每一层可以自行批准表中的补救种类和单笔金额。",
        "",
        table(("层级", "单笔金额上限", "可批准的补救种类"), rows),
    ]
    for t in policy.tiers:
        parts += [f"## {text(t.title)} {{#tier-{t.id}}}", "", text(t.role), ""]
        if t.contact:
            parts += [f"转交方式：{text(t.contact)}", ""]
        if t.notes:
            parts += [text(t.notes), ""]
    return "\n".join(parts)


def limits_page(playbooks: PlaybookSet, names: Names) -> str:
    policy = playbooks.policy
    severities = [s.id for s in policy.severities] if policy else []
    parts = [
        "# 时限总表",
        "",
        "每个类别、每个严重程度的四项时限（首次响应 / 进展通报间隔 / 解决 / 回访）。"
        "“工作日”“工作小时”按工作时间计算，其余为自然时间。",
        "",
    ]
    headers = ("类别", *(names.severity.get(s, s) for s in severities))
    rows = []
    for category in playbooks.categories:
        cells = [f"[{text(category.title)}](categories/{category.id}.md)"]
        for s in severities:
            limits = category.limits.get(s)
            cells.append(
                " / ".join(text(limits.metric(m).duration.label()) for m in LIMIT_METRICS)
                if limits
                else "—"
            )
        rows.append(cells)
    parts.append(table(headers, rows))
    if policy and policy.ceilings:
        parts += ["## 监管时限上限", "", "各类别的时限不得超过以下上限（检查器规则 PB304）。", ""]
        certainty = {"verified": "已核对原文", "secondary": "仅见于二手资料", "uncertain": "未确认"}
        parts.append(
            table(
                ("上限", "约束", "时长", "出处", "可靠程度"),
                (
                    (
                        text(c.title),
                        text(_applies_to(c.applies_to)),
                        text(c.limit.label()),
                        text(c.citation),
                        text(certainty.get(c.certainty, c.certainty)),
                    )
                    for c in policy.ceilings
                ),
            )
        )
        for c in policy.ceilings:
            if c.note:
                parts.append(f"- {text(c.title)}：{text(c.note)}")
        parts.append("")
    return "\n".join(parts)


def _applies_to(value: str) -> str:
    if value.startswith("remedy:"):
        kind = value.split(":", 1)[1]
        return f"{REMEDY_KIND_NAMES.get(kind, kind)}的执行时限"
    return METRIC_TITLES.get(value, value)


def customer_types_page(playbooks: PlaybookSet) -> str:
    types = playbooks.customer_types
    if types is None:
        return "# 客户类型\n\n（尚未定义客户类型。）\n"
    parts = ["# 客户类型", ""]
    if types.needs:
        parts += ["## 投诉客户想要什么", "", bullet_list(types.needs)]
    for t in types.types:
        parts += [
            f"## {text(t.title)} {{#type-{t.id}}}",
            "",
            text(t.description),
            "",
            "**如何识别**",
            "",
            bullet_list(t.recognition),
            "**应对策略**",
            "",
            bullet_list(t.strategies),
            "**推荐话术**",
            "",
        ]
        for script in t.scripts:
            step = f"（{STEP_NAMES.get(script.step, script.step)}）" if script.step else ""
            parts += [f"*{text(script.situation)}*{text(step)}", "", code_block(script.text)]
        parts += [admonition("danger", "不要这样做", bullet_list(t.avoid))]
    return "\n".join(parts)


def scripts_page(playbooks: PlaybookSet, names: Names) -> str:
    """Every script, by step, then category, with channel labels; then by customer type."""
    parts = [
        "# 话术库",
        "",
        "全部话术按处理步骤排列，标明类别和渠道；也可以用搜索框按关键词查找。"
        "花括号中的内容（如 {称呼}）在使用时替换成实际信息。",
        "",
    ]
    for step_id, step_name in STEP_NAMES.items():
        entries = [
            (category, step)
            for category in playbooks.categories
            for step in category.procedure
            if step.id == step_id and step.scripts
        ]
        if not entries:
            continue
        parts += [f"## {text(step_name)} {{#step-{step_id}}}", ""]
        for category, step in entries:
            parts += [
                f"### {text(category.title)} · {text(step.title)}",
                "",
                f"[打开类别页面](categories/{category.id}.md#step-{step.id})",
                "",
            ]
            for channel, script in step.scripts.items():
                parts += [
                    f"渠道：**{text(names.channel.get(channel, channel))}**",
                    "",
                    code_block(script.text),
                ]
    if playbooks.customer_types:
        parts += ["## 按客户类型 {#by-customer-type}", ""]
        for t in playbooks.customer_types.types:
            parts += [f"### {text(t.title)}", ""]
            for script in t.scripts:
                parts += [f"*{text(script.situation)}*", "", code_block(script.text)]
    return "\n".join(parts)


def principles_page(policy: Policy) -> str:
    parts = ["# 处理原则与沟通技巧", ""]
    sections: Iterable[tuple[str, str, Sequence[Guidance]]] = (
        ("principles", "处理原则", policy.principles),
        ("techniques", "沟通技巧", policy.techniques),
        ("mistakes", "常见错误", policy.mistakes),
        ("disputes", "纠纷解决途径", policy.dispute_resolution),
        ("improvement", "分析与预防", policy.improvement),
    )
    for anchor, title, items in sections:
        if items:
            parts += [f"## {title} {{#{anchor}}}", "", _guidance_list(items)]
    parts += [
        "## 禁用语 {#forbidden}",
        "",
        "以下说法不得出现在任何话术中（检查器规则 PB501）。",
        "",
    ]
    parts.append(
        table(
            ("不要说", "原因", "可以这样说"),
            (
                (text(f.phrase), text(f.reason), text(f.instead) if f.instead else "—")
                for f in policy.forbidden_phrases
            ),
        )
    )
    parts += ["## 受理渠道 {#channels}", ""]
    for channel in policy.channels:
        realtime = "（实时：客户正在等待）" if channel.realtime else ""
        parts += [f"### {text(channel.title)}{realtime}", "", bullet_list(channel.handling)]
    parts += ["## 投诉记录必填字段 {#record}", ""]
    parts.append(
        table(
            ("字段", "填写要求"),
            ((text(f.title), text(f.description)) for f in policy.record_fields),
        )
    )
    return "\n".join(parts)


def changelog_page(playbooks: PlaybookSet, playbooks_root: str) -> str:
    entries = []
    for header in playbooks.headers:
        for entry in header.changelog:
            entries.append((entry.date, header, entry))
    entries.sort(key=lambda item: (item[0], item[1].title), reverse=True)
    parts = ["# 变更记录", "", "全部手册文件的版本变更，最新的在前。", ""]
    for date, header, entry in entries:
        source = source_path(header.at.source.path, playbooks_root)
        parts += [
            f"## {text(date)} · {text(header.title)} {text(entry.version)}",
            "",
            f"[YAML 源文件]({source})"
            + (f" · 修订人：{text(entry.author)}" if entry.author else ""),
            "",
            bullet_list(entry.changes),
        ]
    return "\n".join(parts)


def rules_page(rules: Sequence[Rule]) -> str:
    parts = [
        "# 检查规则",
        "",
        "`playbook check` 检查的全部规则。每条规则的正确与错误示例都作为测试实际运行。",
        "",
        table(
            ("规则号", "名称", "级别", "说明"),
            (
                (f"[{r.id}](#{r.id.lower()})", f"`{r.name}`", r.severity.label, text(r.summary))
                for r in rules
            ),
        ),
    ]
    for r in rules:
        parts += [
            f"## {r.id} {text(r.name)} {{#{r.id.lower()}}}",
            "",
            f"级别：{r.severity.label}。{text(r.summary)}",
            "",
            f"**为什么**：{text(r.rationale)}",
            "",
        ]
        for label, examples in (("正确示例", r.good), ("错误示例", r.bad)):
            for example in examples:
                parts += [f"**{label}**", "", code_block(example.yaml.rstrip("\n"), "yaml")]
                if example.note:
                    parts += [text(example.note), ""]
    return "\n".join(parts)


def render_pages(
    playbooks: PlaybookSet, rules: Sequence[Rule], playbooks_root: str
) -> dict[str, str]:
    """Every generated page, keyed by its path in the site."""
    names = Names(playbooks)
    pages = {
        "index.md": home_page(playbooks, names),
        "categories/index.md": categories_index(playbooks, names),
        "limits.md": limits_page(playbooks, names),
        "customer-types.md": customer_types_page(playbooks),
        "scripts.md": scripts_page(playbooks, names),
        "changelog.md": changelog_page(playbooks, playbooks_root),
        "rules.md": rules_page(rules),
        "calculator.md": calculator_page(playbooks),
    }
    if playbooks.policy:
        pages["severities.md"] = severities_page(playbooks.policy)
        pages["tiers.md"] = tiers_page(playbooks.policy)
        pages["principles.md"] = principles_page(playbooks.policy)
    example = example_received(playbooks)  # once: it scans the whole calendar
    for category in playbooks.categories:
        source = source_path(category.at.source.path, playbooks_root)
        pages[f"categories/{category.id}.md"] = category_page(
            category, playbooks, names, source, example
        )
    return pages


# Every page repeats the navigation, so listing N categories in it makes the site grow with
# N squared; above this many, the navigation shows only the overview, which links to them all.
NAV_CATEGORY_LIMIT = 40


def navigation(playbooks: PlaybookSet) -> list[dict[str, object]]:
    """The site's navigation: hand-written guides and generated pages in reading order."""
    categories: list[dict[str, str]] = [{"总览": "categories/index.md"}]
    if len(playbooks.categories) <= NAV_CATEGORY_LIMIT:
        # Material prints navigation titles as HTML: a playbook title must stay text
        categories += [
            {html.escape(c.title): f"categories/{c.id}.md"} for c in playbooks.categories
        ]
    return [
        {"首页": "index.md"},
        {"一线员工速查": "guides/quick-start.md"},
        {"投诉类别": categories},
        {"严重程度": "severities.md"},
        {"升级层级与审批权限": "tiers.md"},
        {"时限总表": "limits.md"},
        {"时限计算器": "calculator.md"},
        {"客户类型": "customer-types.md"},
        {"话术库": "scripts.md"},
        {"处理原则与沟通技巧": "principles.md"},
        {"变更记录": "changelog.md"},
        {"合规审阅指南": "guides/compliance-review.md"},
        {"编写指南": "guides/authoring.md"},
        {"检查规则": "rules.md"},
    ]
