"""分诊 (triage): staff tick what the customer reports and see the category, the severity the
playbooks give (``checker.model.triage``, mirrored by docs/assets/javascripts/triage.js) and
that category's card. Everything is on the page: it works offline."""

from __future__ import annotations

from checker.markup.escape import html_text
from checker.model import PlaybookSet
from checker.site.pages.card import category_card
from checker.site.pages.names import Names
from checker.site.pages.navigation import NAV_CATEGORY_LIMIT
from checker.site.triage import data_script

KEYWORDS_SHOWN = 6


def _category_choices(playbooks: PlaybookSet) -> list[str]:
    lines = ['<fieldset class="triage__categories"><legend>1. 客户反映的是哪一类问题</legend>']
    for c in playbooks.categories:
        words = "、".join(c.keywords[:KEYWORDS_SHOWN])
        hint = f'<span class="triage__hint">{html_text(words)}</span>' if words else ""
        lines.append(
            f'<label><input type="radio" name="category" value="{c.id}">'
            f"<strong>{html_text(c.title)}</strong>{hint}</label>"
        )
    lines.append("</fieldset>")
    return lines


def _signal_choices(playbooks: PlaybookSet) -> list[str]:
    policy = playbooks.policy
    signals = policy.signals if policy else ()
    users: dict[str, list[str]] = {s.id: [] for s in signals}
    for c in playbooks.categories:
        for trigger in c.triggers:
            for signal_id in trigger.signals:
                if signal_id in users and c.id not in users[signal_id]:
                    users[signal_id].append(c.id)
    lines = ['<fieldset class="triage__signals"><legend>2. 客户说到了这些情况吗（可多选）</legend>']
    for s in signals:
        # a signal that decides nothing by itself is offered only where a trigger uses it
        scoped = not s.raise_to and not s.category
        only = f' data-categories="{" ".join(users[s.id])}"' if scoped else ""
        lines.append(
            f"<label{only}>"
            f'<input type="checkbox" name="signal" value="{s.id}" id="signal-{s.id}">'
            f"{html_text(s.title)}</label>"
        )
    lines.append("</fieldset>")
    return lines


def triage_page(playbooks: PlaybookSet, names: Names) -> str:
    form = [
        '<form id="triage" class="triage" autocomplete="off">',
        *_category_choices(playbooks),
        *_signal_choices(playbooks),
        '<p class="triage__amount"><label>3. 涉及金额（元，可不填）'
        ' <input type="text" inputmode="numeric" name="amount" placeholder="例如 1200"></label></p>',
        '<div class="triage__result" aria-live="polite"></div>',
        "</form>",
    ]
    parts = [
        "# 分诊",
        "",
        "客户还在说的时候就可以勾选：先选问题属于哪一类，再勾选客户提到的情况、填上涉及金额，"
        "下面立即给出严重程度、依据和这一类的速查卡。结果完全按手册的升级触发条件计算，"
        "在浏览器中完成，不需要联网。",
        "",
        "\n".join(form),
        "",
        data_script(playbooks),
        "",
        "## 速查卡 {#cards}",
        "",
    ]
    if len(playbooks.categories) > NAV_CATEGORY_LIMIT:
        parts += ["选好类别后，打开该类别页面查看速查卡。", ""]
        return "\n".join(parts)
    parts += ['<p id="triage-card-hint">选好类别后，这里只显示该类别的速查卡。</p>', ""]
    for category in playbooks.categories:
        parts.append(
            category_card(category, playbooks, names, root="", page=f"categories/{category.id}.md")
        )
    return "\n".join(parts)
