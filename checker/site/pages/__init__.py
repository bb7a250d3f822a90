"""Playbook model -> Markdown pages, one module per page. Pure functions: no MkDocs import, no
file access.

``render_pages`` returns ``{path: markdown}`` for every generated page; the MkDocs plugin and
``playbook render`` both call it, so the handbook does not depend on one generator's API.
Shared pieces: ``names`` (ids -> titles, source paths), ``fragments``, ``diagrams``,
``navigation``. Every playbook string goes through ``checker.site.markdown`` (which delegates
to ``checker.markup.escape``).
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.findings import Rule
from checker.model import PlaybookSet
from checker.site.pages.calculator import calculator_page
from checker.site.pages.categories_overview import categories_overview
from checker.site.pages.category import category_page
from checker.site.pages.changelog import changelog_page
from checker.site.pages.customer_types import customer_types_page
from checker.site.pages.home import home_page
from checker.site.pages.limits import limits_page
from checker.site.pages.names import Names, source_path
from checker.site.pages.navigation import NAV_CATEGORY_LIMIT, navigation
from checker.site.pages.principles import principles_page
from checker.site.pages.rules import rules_page
from checker.site.pages.scripts import scripts_page
from checker.site.pages.severities import severities_page
from checker.site.pages.tiers import tiers_page
from checker.site.pages.triage import triage_page
from checker.site.pages.worked_example import example_received

__all__ = ["NAV_CATEGORY_LIMIT", "navigation", "render_pages"]


def render_pages(
    playbooks: PlaybookSet, rules: Sequence[Rule], playbooks_root: str
) -> dict[str, str]:
    """Every generated page, keyed by its path in the site."""
    names = Names(playbooks)
    pages = {
        "index.md": home_page(playbooks, names),
        "categories/index.md": categories_overview(playbooks, names),
        "limits.md": limits_page(playbooks, names),
        "customer-types.md": customer_types_page(playbooks),
        "scripts.md": scripts_page(playbooks, names),
        "changelog.md": changelog_page(playbooks, playbooks_root),
        "rules.md": rules_page(rules),
        "calculator.md": calculator_page(playbooks),
        "triage.md": triage_page(playbooks, names),
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
