"""Which index a page belongs to, and the keywords a category page carries for the search.

Staff pages (categories, limits, tiers, scripts, customer types, the quick start...) make the
main index. Pages written for playbook authors and compliance reviewers (检查规则, 变更记录, and
hand-written pages whose front matter says ``search_scope: reference``) are indexed separately
and listed after every staff result, so they never push a category page down.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from checker.model import Category, Policy

SCOPE_KEY = "search_scope"
STAFF = "staff"
REFERENCE = "reference"
SCOPES = (STAFF, REFERENCE)

# Pagefind reads data-pagefind-meta="name:value" and splits the value on whitespace; a comma
# would start another meta field.
_META_BREAK = re.compile(r"[\s,]+")


# Generated pages for authors and reviewers; a hand-written page says so in its front matter.
GENERATED_REFERENCE = frozenset({"rules.md", "changelog.md"})


def page_scope(path: str, meta: Mapping[str, object]) -> str:
    """The scope of the page at ``path`` (relative to docs/) with front matter ``meta``."""
    return REFERENCE if path in GENERATED_REFERENCE or meta.get(SCOPE_KEY) == REFERENCE else STAFF


def category_keywords(category: Category, policy: Policy | None) -> str:
    """The category's keywords and the colloquial words of those keywords, space-separated:
    a searchable meta field (Pagefind does not segment meta text, so each stays one word)."""
    words = list(category.keywords)
    if policy is not None:
        own = set(category.keywords)
        words += [w for entry in policy.colloquial_terms if entry.term in own for w in entry.words]
    cleaned = (_META_BREAK.sub(" ", w).strip() for w in words)
    return " ".join(dict.fromkeys(w for w in cleaned if w))
