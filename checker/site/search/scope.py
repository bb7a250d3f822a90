"""Which index a page belongs to, and the keywords a category page carries for the search.

Staff pages (categories, limits, tiers, scripts, customer types, the quick start...) make the
main index. Pages written for playbook authors and compliance reviewers declare
``search_scope: reference`` in their front matter; they are indexed separately and listed
after every staff result, so 检查规则 or 变更记录 never push a category page down.
"""

from __future__ import annotations

import re

from checker.model import Category, Policy

SCOPE_KEY = "search_scope"
STAFF = "staff"
REFERENCE = "reference"
SCOPES = (STAFF, REFERENCE)

# Pagefind reads data-pagefind-meta="name:value" and splits the value on whitespace; a comma
# would start another meta field.
_META_BREAK = re.compile(r"[\s,]+")


def page_scope(meta: dict[str, object]) -> str:
    """The page's scope from its front matter (staff unless it says reference)."""
    return REFERENCE if meta.get(SCOPE_KEY) == REFERENCE else STAFF


def category_keywords(category: Category, policy: Policy | None) -> str:
    """The category's keywords and the colloquial words of those keywords, space-separated:
    a searchable meta field (Pagefind does not segment meta text, so each stays one word)."""
    words = list(category.keywords)
    if policy is not None:
        own = set(category.keywords)
        words += [w for entry in policy.colloquial_terms if entry.term in own for w in entry.words]
    cleaned = (_META_BREAK.sub(" ", w).strip() for w in words)
    return " ".join(dict.fromkeys(w for w in cleaned if w))


# The front matter that puts a generated page in the reference scope.
REFERENCE_FRONT_MATTER = f"---\n{SCOPE_KEY}: {REFERENCE}\n---\n"
