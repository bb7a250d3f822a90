"""What the browser's query analysis knows, generated from the playbooks.

A staff member types the customer's words: 客户说他被热水器烫到了，要去消协. The browser cuts
known phrases out of the query first (so 烫到 is not split into 烫|到), reads each as the
handbook's term (烫到 → 烫伤, 消协 → 消费者协会), drops words every page has, and corrects
sound-alike typos against the same phrases. The phrases are the category keywords, the
policy's 口语→术语 terms and their colloquial words (compliance maintains both in the YAML, the
checker validates them: PB221, PB222), and the handbook's names for things (page, category,
customer type, tier and severity titles, step and remedy names): nothing is written twice.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources

from checker.model import PlaybookSet
from checker.model.vocabulary import METRIC_TITLES, REMEDY_KIND_NAMES, STEP_NAMES
from checker.site.search.pinyin_table import syllables

STOPWORDS = "stopwords.txt"


def stopwords() -> list[str]:
    """The packaged stopwords (comment lines start with #)."""
    text = resources.files(__package__).joinpath(STOPWORDS).read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return list(dict.fromkeys(word for line in lines for word in line.split()))


@dataclass(frozen=True)
class Lexicon:
    """Phrase -> the words to search for it (itself first, then its term), the category
    keywords, stopwords, the pinyin table, and how the index cut each phrase and term into
    words (``split``: only those it cut into more than one word)."""

    phrases: dict[str, list[str]]
    keywords: list[str]
    stopwords: list[str]
    pinyin: dict[str, str]
    # titles and keywords: Pagefind keeps each of them whole (its meta text is split on spaces)
    meta_words: list[str] = field(default_factory=list)
    split: dict[str, str] = field(default_factory=dict)
    whole: list[str] = field(default_factory=list)

    def searched(self) -> set[str]:
        """Every phrase and term the browser asks the index for."""
        return {word for alts in self.phrases.values() for word in alts}

    def with_index_words(self, words: dict[str, list[str]]) -> Lexicon:
        """The lexicon with how the index cut each phrase (``words``, from ``index_words``).
        A cut phrase that begins a title or keyword is also asked for whole (``whole``): page
        text has it in pieces (话|术), the title 话术库 in one."""
        split = {p: " ".join(w) for p, w in sorted(words.items()) if len(w) > 1}
        whole = sorted(p for p in split if any(m.startswith(p) for m in self.meta_words))
        return replace(self, split=split, whole=whole)

    def to_json(self) -> str:
        data = {
            "phrases": self.phrases,
            "keywords": self.keywords,
            "stopwords": self.stopwords,
            "pinyin": self.pinyin,
            "split": self.split,
            "whole": self.whole,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def nav_titles(nav: object) -> Iterator[str]:
    """Every title in an MkDocs navigation (lists of {title: path or children})."""
    if isinstance(nav, list):
        for entry in nav:
            yield from nav_titles(entry)
    elif isinstance(nav, dict):
        for title, children in nav.items():
            yield str(title)
            yield from nav_titles(children)


def _names(playbooks: PlaybookSet) -> Iterator[str]:
    """The handbook's names for things: titles of categories, customer types, tiers and
    severities, step and remedy names, the names of the limits."""
    yield from (c.title for c in playbooks.categories)
    if playbooks.customer_types is not None:
        yield from (t.title for t in playbooks.customer_types.types)
    if playbooks.policy is not None:
        yield from (t.title for t in playbooks.policy.tiers)
        yield from (s.title for s in playbooks.policy.severities)
    for labels in (STEP_NAMES, REMEDY_KIND_NAMES, METRIC_TITLES):
        yield from labels.values()


def build_lexicon(playbooks: PlaybookSet, titles: Iterable[str] = ()) -> Lexicon:
    """The lexicon of a playbook set; ``titles`` are the site's page titles (kept whole)."""
    phrases: dict[str, list[str]] = {}
    titles = [*titles, *(c.title for c in playbooks.categories)]
    words = [*_names(playbooks), *titles, *(k for c in playbooks.categories for k in c.keywords)]
    for word in map(query_form, words):
        phrases.setdefault(word, [word])
    if playbooks.policy is not None:
        for entry in playbooks.policy.colloquial_terms:
            term = query_form(entry.term)
            phrases.setdefault(term, [term])
            for word in map(query_form, entry.words):
                phrases[word] = [word, term]
    phrases = {p: alts for p, alts in phrases.items() if p and not any(c.isspace() for c in p)}
    keywords = sorted({query_form(k) for c in playbooks.categories for k in c.keywords})
    in_keywords = [w for k in keywords for w in (k, *(a[0] for a in phrases.values() if k in a))]
    meta_words = sorted({query_form(t) for t in titles} | set(in_keywords))
    return Lexicon(
        dict(sorted(phrases.items())), keywords, stopwords(), syllables(), meta_words=meta_words
    )


def query_form(text: str) -> str:
    """How the browser reads a query before matching phrases: NFKC, lower case, trimmed."""
    return unicodedata.normalize("NFKC", text).lower().strip()
