"""The Chinese titles of the ids a page mentions, and where a playbook's YAML is published."""

from __future__ import annotations

from pathlib import PurePosixPath

from checker.model import PlaybookSet

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
