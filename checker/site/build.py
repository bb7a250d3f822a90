"""What the plugin and ``playbook render`` share: check the playbooks, then render them."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from checker.catalogue import all_rules
from checker.model import PlaybookSet
from checker.pipeline.discovery import display_path
from checker.pipeline.engine import check_paths
from checker.reporters import text as text_report
from checker.reporters.context import ReportContext
from checker.schema.documents import SCHEMA_DIR, documents
from checker.site.pages import navigation, render_pages


class PlaybookErrors(Exception):
    """The playbooks have errors; the message is the checker's own text report."""


@dataclass
class Handbook:
    pages: dict[str, str]
    nav: list[dict[str, object]]
    sources: dict[str, Path]  # site path of each YAML source and schema -> file on disk
    playbooks: PlaybookSet


def build_handbook(playbooks_dir: str | Path) -> Handbook:
    """Check the playbooks (errors stop everything) and render every generated page."""
    result = check_paths([playbooks_dir])
    if result.summary.errors or result.playbooks is None:
        report = io.StringIO()
        text_report.write(result.findings, result.summary, report, ReportContext(result.line_text))
        raise PlaybookErrors(report.getvalue())
    root = display_path(Path(playbooks_dir).resolve())
    pages = render_pages(result.playbooks, all_rules(), root)
    sources = {}
    for source in result.playbooks.sources:
        if source.disk_path is not None:
            relative = source.disk_path.relative_to(Path(playbooks_dir).resolve())
            sources[f"yaml/{relative.as_posix()}"] = source.disk_path
    for name in sorted(documents()):  # published where their $id says (<handbook>schemas/)
        sources[f"schemas/{name}"] = SCHEMA_DIR / name
    return Handbook(pages, navigation(result.playbooks), sources, result.playbooks)


def write_markdown(handbook: Handbook, out: Path, docs_dir: Path | None = None) -> list[Path]:
    """Write the generated pages (and YAML sources, and hand-written docs if given) to ``out``."""
    written = []
    if docs_dir is not None and docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*")):
            if path.is_file():
                target = out / path.relative_to(docs_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(path.read_bytes())
                written.append(target)
    for page, content in handbook.pages.items():
        target = out / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        written.append(target)
    for page, source in handbook.sources.items():
        target = out / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
        written.append(target)
    return written
