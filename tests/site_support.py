"""Helpers for the handbook-site tests (test_site_render.py, test_site_browser.py).

Imported as ``from site_support import ...`` (``tests`` is on ``sys.path`` because it is not a
package). Nothing here starts a browser: that lives in test_site_browser.py.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOKS = ROOT / "playbooks"
DOCS = ROOT / "docs"
MKDOCS_YML = ROOT / "mkdocs.yml"
ARTIFACTS = ROOT / "tests" / "artifacts"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# ---- Markdown exactly as the site renders it ---------------------------------------------------


@functools.cache
def site_markdown_config() -> tuple[list[str], dict[str, dict[str, object]]]:
    """The extensions and their options, read from mkdocs.yml by MkDocs itself."""
    from mkdocs.config import load_config

    config = load_config(str(MKDOCS_YML))
    return list(config.markdown_extensions), dict(config.mdx_configs)


def site_markdown() -> markdown.Markdown:
    """A fresh Markdown converter with mkdocs.yml's markdown_extensions and their config."""
    extensions, configs = site_markdown_config()
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def render(source: str) -> str:
    return site_markdown().convert(source)


# ---- a small HTML tree, enough to look at what the converter produced -----------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        """This element and every element below it (optionally only one tag), document order."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(tag)

    def text(self) -> str:
        """The text a reader sees (entities decoded), without heading permalinks (¶)."""
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif "headerlink" not in child.classes:
                parts.append(child.text())
        return "".join(parts)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def squash(value: str) -> str:
    """Whitespace runs as one space, trimmed: how a browser shows text outside <pre>."""
    return " ".join(value.split())


def tables(tree: Element) -> list[list[list[str]]]:
    """Every table as rows of cell texts (header row first)."""
    return [
        [
            [squash(cell.text()) for cell in row.iter() if cell.tag in ("th", "td")]
            for row in t.iter("tr")
        ]
        for t in tree.iter("table")
    ]


def table_with_header(tree: Element, first_header: str) -> list[list[str]]:
    """The one table whose first header cell is ``first_header``; header row first."""
    found = [t for t in tables(tree) if t and t[0] and t[0][0] == first_header]
    assert len(found) == 1, f"expected one table headed {first_header!r}, found {len(found)}"
    return found[0]


def code_blocks(tree: Element) -> list[str]:
    """The text of every <pre><code> block, trailing newline removed."""
    return [code.text().rstrip("\n") for pre in tree.iter("pre") for code in pre.iter("code")]


# ---- playbook copies ---------------------------------------------------------------------------------


def copy_playbooks(dest: Path) -> Path:
    shutil.copytree(PLAYBOOKS, dest)
    return dest


def replace_once(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert content.count(old) == 1, f"{old!r} occurs {content.count(old)} times in {path}"
    path.write_text(content.replace(old, new), encoding="utf-8")


def replace_line(path: Path, pattern: str, new_line: str) -> None:
    """Replace the one line matching the regular expression ``pattern`` (whole line)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines) if re.fullmatch(pattern, line)]
    assert len(hits) == 1, f"{pattern!r} matches {len(hits)} lines in {path}"
    lines[hits[0]] = new_line
    path.write_text("\n".join(lines), encoding="utf-8")


BROKEN_FILE = "categories/product-quality.yaml"


def break_playbooks(root: Path) -> int:
    """Make the normal-severity escalation owner an unknown tier (PB201); returns its line."""
    target = root / BROKEN_FILE
    replace_once(target, "  normal:\n    owner: agent\n", "  normal:\n    owner: nobody\n")
    lines = target.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line == "    owner: nobody")


# ---- building the site -------------------------------------------------------------------------------


def site_config(dest: Path, playbooks: Path) -> Path:
    """mkdocs.yml rewritten to ``dest`` with absolute paths and the plugin reading ``playbooks``.

    docs_dir, theme.custom_dir and watch are resolved against the config file, the plugin's
    ``playbooks:`` against the working directory, so every one of them is made absolute.
    """
    lines = MKDOCS_YML.read_text(encoding="utf-8").split("\n")
    replaced = {"docs_dir": 0, "custom_dir": 0, "playbooks": 0}
    in_watch = False
    for i, line in enumerate(lines):
        if m := re.fullmatch(r"docs_dir:\s*(\S+)\s*", line):
            lines[i] = f"docs_dir: {(ROOT / m[1]).as_posix()}"
            replaced["docs_dir"] += 1
        elif m := re.fullmatch(r"(\s+custom_dir:\s*)(\S+)\s*", line):
            lines[i] = f"{m[1]}{(ROOT / m[2]).as_posix()}"
            replaced["custom_dir"] += 1
        elif m := re.fullmatch(r"(\s+playbooks:\s*)(\S+)\s*", line):
            lines[i] = f"{m[1]}{playbooks.as_posix()}"
            replaced["playbooks"] += 1
        if re.fullmatch(r"watch:\s*", line):
            in_watch = True
        elif in_watch and (m := re.fullmatch(r"(\s+-\s+)(\S+)\s*", line)):
            target = playbooks if m[2] == "playbooks" else ROOT / m[2]
            lines[i] = f"{m[1]}{target.as_posix()}"
        elif in_watch and line.strip() and not line.startswith(" "):
            in_watch = False
    assert replaced == {"docs_dir": 1, "custom_dir": 1, "playbooks": 1}, (
        f"mkdocs.yml changed shape; site_config could not rewrite it: {replaced}"
    )
    dest.mkdir(parents=True, exist_ok=True)
    config = dest / "mkdocs.yml"
    config.write_text("\n".join(lines), encoding="utf-8")
    return config


def mkdocs_build(
    site_dir: Path, config: Path | None = None, strict: bool = True
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` in a new process: from the repository for the real mkdocs.yml, else
    from the temporary config's folder."""
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(site_dir)]
    if config is not None:
        command += ["-f", str(config)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cwd = ROOT if config is None else config.parent
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300
    )


def built_pages(site_dir: Path) -> list[str]:
    """Site-relative URLs ('' for the home page, 'categories/x/', ...) of every built page."""
    urls = []
    for index in site_dir.rglob("index.html"):
        folder = index.parent.relative_to(site_dir)
        urls.append("" if folder == Path() else f"{folder.as_posix()}/")
    return sorted(urls)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# ---- a copy of the playbooks with a payload in every free-text string ----------------------------

HOSTILE_CALL = "__xss"  # the function every payload calls; a test defines it to record the call


def hostile_payload(field: int) -> str:
    """Markup for every context a playbook string reaches, all of it calling ``__xss(field)``:
    raw HTML, a closing </title> and </script>, an attribute break-out, a Markdown link, a
    Mermaid entity, and entity-encoded markup that turns live if anything decodes it twice."""
    call = f"{HOSTILE_CALL}({field})"
    return (
        f"<img src=x onerror={call} data-xss={field}></title></script>"
        f"\"'><svg onload={call} data-xss={field}>"
        f"[链{field}](javascript:{call})#quot;#lt;b#gt;"
        f"&lt;img src=x onerror={call} data-xss={field}&gt;"
    )


Pointer = tuple[str | int, ...]


def _strings(data: object, at: Pointer = ()) -> Iterator[tuple[Pointer, str]]:
    """Every string value (not keys) in loaded YAML, with where it is."""
    if isinstance(data, str):
        yield at, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*at, index))


def _set(data: object, at: Pointer, value: str) -> None:
    for key in at[:-1]:
        data = data[key]  # type: ignore[index]
    data[at[-1]] = value  # type: ignore[index]


def _value_lines(text: str) -> dict[Pointer, int]:
    """The 1-based line where each scalar value of a dumped document starts."""
    lines: dict[Pointer, int] = {}

    def walk(node: yaml.Node, at: Pointer) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, (*at, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                walk(value, (*at, index))
        else:
            lines[at] = node.start_mark.line + 1

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        walk(root, ())
    return lines


@dataclass
class HostileCopy:
    root: Path
    fields: dict[int, tuple[str, Pointer]]  # payload number -> (file, where), still carrying it
    refused: list[tuple[str, Pointer]]  # strings the checker does not accept a payload in


def hostile_playbooks(dest: Path) -> HostileCopy:
    """A copy of the bundled playbooks with ``hostile_payload`` appended to every string value.

    The walk is generic, so a new field is covered without a change here. Strings whose schema
    or rules refuse the payload (ids, references, durations, dates, versions, ...) are put back
    as they were: the checker names them by line, and whatever is still flagged after that is
    traced to the injected value it quotes (a placeholder name used inside a script)."""
    from conftest import dump_yaml

    from checker.pipeline.engine import check_paths

    sources = sorted(p.relative_to(PLAYBOOKS).as_posix() for p in PLAYBOOKS.rglob("*.yaml"))
    data = {
        name: yaml.safe_load((PLAYBOOKS / name).read_text(encoding="utf-8")) for name in sources
    }
    originals: dict[tuple[str, Pointer], str] = {}
    numbers: dict[tuple[str, Pointer], int] = {}
    for name in sources:
        for at, value in list(_strings(data[name])):
            numbers[(name, at)] = len(numbers) + 1
            originals[(name, at)] = value
            _set(data[name], at, value + hostile_payload(numbers[(name, at)]))
    refused: list[tuple[str, Pointer]] = []
    shutil.rmtree(dest, ignore_errors=True)
    for _ in range(6):
        lines = {}
        for name in sources:
            text = dump_yaml(data[name])
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            lines[name] = _value_lines(text)
        errors = [f for f in check_paths([dest]).findings if f.severity.value == "error"]
        if not errors:
            fields = {n: key for key, n in numbers.items() if key not in refused}
            return HostileCopy(dest, fields, refused)
        flagged: set[tuple[str, Pointer]] = set()
        for finding in errors:
            name = Path(finding.path).resolve().relative_to(dest.resolve()).as_posix()
            here = [(name, at) for at, line in lines[name].items() if line == finding.line]
            hits = [key for key in here if key in originals and key not in refused]
            if not hits:  # flagged for a value injected elsewhere: the one whose text it quotes
                quoted = " ".join(str(v) for key in here for _, v in _strings(_get(data, key)))
                hits = [
                    key
                    for key, value in originals.items()
                    if key not in refused and value and value in quoted and key[0] != name
                ]
            assert hits, f"cannot trace {finding.rule_id} at {finding.path}:{finding.line}"
            flagged.update(hits)
        for key in flagged:
            refused.append(key)
            _set(data[key[0]], key[1], originals[key])
    raise AssertionError("the hostile copy did not settle after 6 rounds")


def _get(data: dict[str, object], key: tuple[str, Pointer]) -> object:
    value: object = data[key[0]]
    for step in key[1]:
        value = value[step]  # type: ignore[index]
    return value
