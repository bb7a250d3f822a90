"""The schemas have ids, and the handbook serves each one at the address its id names.

The schemas' ``$id`` name where the handbook is published: ``<handbook>schemas/<file>``. The
build publishes the files there, references between the schemas resolve against the ids (in
the checker, in editors, in any other validator), and SARIF links each rule to
``<handbook>rules/#<id>`` (``PLAYBOOK_HANDBOOK_URL`` overrides it). ``site_url`` in
``mkdocs.yml``, when set, must be the same address.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import jsonschema_rs
import pytest
from referencing import Registry, Resource
from site_support import MKDOCS_YML, PLAYBOOKS, mkdocs_build, serve

from checker.cli.reporting import handbook_url
from checker.schema.documents import KIND_SCHEMAS, SCHEMA_DIR, published_base
from checker.yaml.loader import load_bytes

SCHEMAS = sorted(SCHEMA_DIR.glob("*.schema.json"))


def test_every_schema_id_is_its_address_under_one_handbook():
    base = published_base()
    assert re.fullmatch(r"https://[^/]+/(?:[^?#]*/)?", base), base
    for path in SCHEMAS:
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["$id"] == f"{base}schemas/{path.name}", (
            f"{path.name}: $id must be <handbook>schemas/{path.name}, the same handbook as "
            "the other schemas"
        )


def test_site_url_if_set_is_the_handbook_the_ids_name():
    match = re.search(r"^site_url:\s*(\S+)\s*$", MKDOCS_YML.read_text(encoding="utf-8"), re.M)
    if match is not None:
        site_url = match[1] if match[1].endswith("/") else match[1] + "/"
        assert site_url == published_base(), (
            "mkdocs.yml's site_url and the schemas' $id name different handbooks: change the "
            "five $id with site_url"
        )


def test_the_checker_reads_the_handbook_address_from_the_ids(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("PLAYBOOK_HANDBOOK_URL", raising=False)
    assert handbook_url() == published_base()
    monkeypatch.setenv("PLAYBOOK_HANDBOOK_URL", "https://intranet.example/handbook")
    assert handbook_url() == "https://intranet.example/handbook/"


def _id_registry() -> tuple[Registry, dict[str, dict]]:
    """The schemas known by their ids only: no file name, no directory."""
    documents = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS}
    registry = Registry().with_resources(
        (doc["$id"], Resource.from_contents(doc)) for doc in documents.values()
    )
    return registry, documents


@pytest.mark.parametrize("kind", sorted(KIND_SCHEMAS))
def test_references_resolve_through_the_ids_alone(kind: str):
    """A validator that knows the schemas only by their ids (as one that fetched them from
    the handbook does) validates the bundled playbooks: every $ref resolves against an id."""
    registry, documents = _id_registry()
    schema = documents[KIND_SCHEMAS[kind]]
    python = jsonschema.Draft202012Validator(schema, registry=registry)
    fast = jsonschema_rs.validator_for(
        schema, registry=jsonschema_rs.Registry([(d["$id"], d) for d in documents.values()])
    )
    files = [p for p in PLAYBOOKS.rglob("*.yaml") if f"kind: {kind}\n" in p.read_text("utf-8")]
    assert files, kind
    for path in files:
        data = load_bytes(path.name, path.read_bytes()).data
        assert not list(python.iter_errors(data)), path
        assert fast.is_valid(data), path


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The handbook built by ``mkdocs build --strict`` from the repository, served locally."""
    site = tmp_path_factory.mktemp("published") / "site"
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(site) as url:
        yield site, url


def test_the_built_site_serves_each_schema_at_the_path_its_id_names(published):
    _, url = published
    for path in SCHEMAS:
        document = json.loads(path.read_text(encoding="utf-8"))
        # the id's path below the handbook's root, fetched from the built site served here
        served_at = urlsplit(document["$id"]).path.removeprefix(urlsplit(published_base()).path)
        with urllib.request.urlopen(url + served_at, timeout=10) as response:
            assert response.status == 200
            served = json.loads(response.read().decode("utf-8"))
        assert served == document, f"{served_at} is not {path.name} as checked in"


def test_the_built_site_has_the_rule_anchor_sarif_links_to(published):
    site, _ = published
    rules_page = (site / "rules" / "index.html").read_text(encoding="utf-8")
    for rule_id in ("PB001", "PB010", "PB012", "PB301"):
        assert f'id="{rule_id.lower()}"' in rules_page, rule_id
