"""口语 → 术语 (policy ``colloquial_terms``): every term is found in the handbook, every
colloquial word leads to exactly one term.

The handbook's search treats a colloquial word as its term (搜“骂人”也找“辱骂”), so a term that
appears nowhere sends staff to an empty result, and a word listed twice or chained to another
term makes the result depend on the order of the list.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from checker.findings import Example, Finding, Rule, Severity
from checker.model import At, ColloquialTerm, Header
from checker.model.vocabulary import METRIC_TITLES, REMEDY_KIND_NAMES, STEP_NAMES
from checker.rules.context import RuleContext
from checker.rules.registry import rule
from checker.schema.documents import documents


def handbook_strings(value: object) -> Iterator[str]:
    """Every text the handbook shows from ``value`` (a model object), except change logs and
    the colloquial list itself."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Header | ColloquialTerm | At):
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from handbook_strings(getattr(value, item.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from handbook_strings(item)
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from handbook_strings(item)


def _titles(node: object) -> Iterator[str]:
    """Every ``title`` in a schema document: the names the handbook gives its sections."""
    if isinstance(node, dict):
        title = node.get("title")
        if isinstance(title, str):
            yield title
        for value in node.values():
            yield from _titles(value)
    elif isinstance(node, list):
        for value in node:
            yield from _titles(value)


def _shared_text(context: RuleContext) -> str:
    """The policy, customer types and calendar as the handbook shows them, the handbook's
    section names, and each category's title, summary and keywords (what terms mostly are)."""
    playbooks = context.playbooks
    parts = [playbooks.policy, playbooks.customer_types, playbooks.calendar]
    found = [s for part in parts for s in handbook_strings(part)]
    found += [t for document in documents().values() for t in _titles(document)]
    labels = (STEP_NAMES, REMEDY_KIND_NAMES, METRIC_TITLES)
    found += [label for names in labels for label in names.values()]
    found += [word for facts in context.index.categories for word in facts.words]
    return "\n".join(found)


def _missing(context: RuleContext, terms: list[ColloquialTerm]) -> list[ColloquialTerm]:
    """The terms found nowhere in the handbook's files. Only when the shared text and the
    categories' facts do not hold one are the files' whole texts read (every file but the
    one holding the list, valid or not: a file with errors keeps its words, its own findings
    say what is wrong)."""
    shared = _shared_text(context)
    missing = [t for t in terms if t.term not in shared]
    if missing:
        holder = missing[0].at.source.path
        for path, text in context.index.file_texts():
            if path == holder:
                continue
            missing = [t for t in missing if t.term not in text]
            if not missing:
                break
    return missing


@rule(
    "PB221",
    "colloquial-term-found",
    Severity.ERROR,
    "口语与术语对照中的每个术语都必须在手册里出现（手册文件的文字，或手册的栏目名称）。",
    "搜索把口语说法当作术语来找：术语在手册里一次也没出现，员工用客户的原话搜索就什么也找不到。"
    "术语要用手册正文里实际写的词，最好是某个类别的检索词（keywords）。",
    good=(
        Example(
            "colloquial_terms:\n  - term: 漏水\n    words: [渗水, 滴水]\n",
            target="policy",
        ),
    ),
    bad=(
        Example(
            "colloquial_terms:\n  - term: 进水\n    words: [渗水, 滴水]\n",
            target="policy",
            note="“进水”在示例手册的任何文件里都没有出现。",
        ),
    ),
    across_files=True,
)
def colloquial_term_found(r: Rule, context: RuleContext) -> Iterator[Finding]:
    policy = context.playbooks.policy
    if policy is None or not policy.colloquial_terms:
        return
    for entry in _missing(context, list(policy.colloquial_terms)):
        words = "、".join(f"“{w}”" for w in entry.words)
        yield r.on_value(
            entry.at.source,
            (*entry.at.pointer, "term"),
            f"术语「{entry.term}」在手册里没有出现：搜索{words}会找不到任何页面。",
            "把术语改成手册正文里实际使用的词（例如某个类别 keywords 中的词），"
            "或先在对应的类别里写上这个词。",
        )


@rule(
    "PB222",
    "colloquial-word-once",
    Severity.ERROR,
    "每个口语说法只能对应一个术语：不能重复出现，不能与术语相同，也不能是另一条的术语。",
    "同一个说法对应两个术语时，搜索结果取决于列表的先后顺序；说法与术语相同不起作用；"
    "说法又是另一条的术语时，搜索不会再往下找，对照链只有第一步生效。",
    good=(
        Example(
            "colloquial_terms:\n  - term: 漏水\n    words: [渗水]\n"
            "  - term: 坏了\n    words: [用不了]\n",
            target="policy",
        ),
    ),
    bad=(
        Example(
            "colloquial_terms:\n  - term: 漏水\n    words: [渗水]\n"
            "  - term: 坏了\n    words: [渗水, 用不了]\n",
            target="policy",
            note="“渗水”同时对应“漏水”和“坏了”。",
        ),
        Example(
            "colloquial_terms:\n  - term: 漏水\n    words: [漏水, 渗水]\n",
            target="policy",
            note="说法与术语相同。",
        ),
        Example(
            "colloquial_terms:\n  - term: 漏水\n    words: [渗水]\n"
            "  - term: 坏了\n    words: [漏水]\n",
            target="policy",
            note="“漏水”是第一条的术语，又被当作第二条的说法。",
        ),
    ),
)
def colloquial_word_once(r: Rule, context: RuleContext) -> Iterator[Finding]:
    policy = context.playbooks.policy
    if policy is None:
        return
    terms = {entry.term for entry in policy.colloquial_terms}
    first: dict[str, str] = {}
    for entry in policy.colloquial_terms:
        for j, word in enumerate(entry.words):
            at = (*entry.at.pointer, "words", j)
            if word == entry.term:
                yield r.on_value(
                    entry.at.source,
                    at,
                    f"口语说法「{word}」和它的术语相同，不起作用。",
                    "删除这个说法；术语本身总能搜到。",
                )
            elif word in terms:
                yield r.on_value(
                    entry.at.source,
                    at,
                    f"口语说法「{word}」同时是另一条的术语：搜索不会沿着对照继续找，"
                    f"“{word}”只会当作自己来找。",
                    f"把这个说法直接写到术语「{word}」那一条里，或把术语「{entry.term}」"
                    f"的说法并入「{word}」。",
                )
            elif word in first and first[word] != entry.term:
                yield r.on_value(
                    entry.at.source,
                    at,
                    f"口语说法「{word}」已经对应术语「{first[word]}」，这里又对应「{entry.term}」。",
                    "一个说法只保留在一个术语下：留在客户说这句话时最该找到的那一条。",
                )
            first.setdefault(word, entry.term)
