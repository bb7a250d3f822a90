"""``playbook lsp`` end to end: a real LSP client (pytest-lsp) starts ``python -m checker lsp``
and talks to it over stdin/stdout, as VS Code, Neovim 0.11 and Emacs do (their recorded
client capabilities, so each negotiates its own position encoding: UTF-16, UTF-8, UTF-32).

The fixture folder is the bundled playbooks with three problems: a tier that does not exist
(PB201) and a money remedy without a cap (PB412) in product-quality, and ``related: [𠮷田, 9]``
in delivery-delay, where 𠮷 (U+20BB7) takes two UTF-16 units and four UTF-8 bytes, so a column
counted in the wrong unit shows.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from conftest import PLAYBOOKS, replace_in
from lsprotocol import types
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from checker.cli import main
from checker.pipeline.suppressions import REASON_PLACEHOLDER

PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
QUALITY = "playbooks/categories/product-quality.yaml"
DELIVERY = "playbooks/categories/delivery-delay.yaml"
SERVICE = "playbooks/categories/service-attitude.yaml"
PROFILES = {"visual-studio-code": "utf-16", "neovim@v0.11.0": "utf-8", "emacs": "utf-32"}


def make_client() -> LanguageClient:
    """pytest-lsp's client, recording every publishDiagnostics with its arrival time (its own
    ``wait_for_notification`` keeps one waiter per method and can miss a notification meant
    for another document), and answering client/registerCapability as an editor does."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]
    client.arrived = asyncio.Condition()  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]
    waking: set[asyncio.Future[None]] = set()

    def on_publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append((time.perf_counter(), params))  # type: ignore[attr-defined]

        async def wake() -> None:
            async with client.arrived:  # type: ignore[attr-defined]
                client.arrived.notify_all()  # type: ignore[attr-defined]

        task = asyncio.ensure_future(wake())
        waking.add(task)
        task.add_done_callback(waking.discard)

    def on_register(client: LanguageClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    register_lsp_features(
        client,
        {
            **DEFAULT_CLIENT_FEATURES,
            PUBLISH: on_publish,
            types.CLIENT_REGISTER_CAPABILITY: on_register,
        },
    )
    return client


CONFIG = ClientServerConfig(
    server_command=[sys.executable, "-m", "checker", "lsp"],
    client_factory=make_client,
    # the server's whole environment (not an addition): PLAYBOOK_TODAY from conftest included
    server_env={**os.environ, "PYTHONUNBUFFERED": "1"},
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An editor's workspace folder holding the bundled playbooks with three problems."""
    root = tmp_path / "workspace"
    shutil.copytree(PLAYBOOKS, root / "playbooks")
    replace_in(root / DELIVERY, "\nsummary:", "\nrelated: [𠮷田, 9]\nsummary:")
    replace_in(root / QUALITY, "  normal:\n    owner: agent\n", "  normal:\n    owner: nobody\n")
    replace_in(root / QUALITY, "    kind: voucher\n    max_amount: 200\n", "    kind: voucher\n")
    return root


async def start(client: LanguageClient, profile: str, root: Path) -> None:
    client.init_result = await client.initialize_session(  # type: ignore[attr-defined]
        types.InitializeParams(
            capabilities=client_capabilities(profile),
            root_uri=from_fs_path(str(root)),
            workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(root)), name="ws")],
        )
    )
    client.profile = profile  # type: ignore[attr-defined]


@pytest_lsp.fixture(config=CONFIG, params=list(PROFILES))
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest, folder: Path):
    await start(lsp_client, request.param, folder)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def editor(lsp_client: LanguageClient, folder: Path):
    """One client (VS Code's capabilities) for what does not depend on the encoding."""
    await start(lsp_client, "visual-studio-code", folder)
    yield
    await lsp_client.shutdown_session()


# ---- helpers --------------------------------------------------------------------------------


def uri_of(root: Path, name: str) -> str:
    return from_fs_path(str(root / name)) or ""


def encoding(client: LanguageClient) -> str:
    return str(client.init_result.capabilities.position_encoding)  # type: ignore[attr-defined]


def units(text: str, encoding_name: str) -> int:
    """How many code units the text takes in the negotiated encoding."""
    if encoding_name == "utf-8":
        return len(text.encode("utf-8"))
    if encoding_name == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


async def diagnostics_after(
    client: LanguageClient, uri: str, since: float, version: int | None = None
) -> list[types.Diagnostic]:
    """The first diagnostics published for ``uri`` (and ``version``) after ``since``."""

    def arrived() -> types.PublishDiagnosticsParams | None:
        for moment, params in client.published:  # type: ignore[attr-defined]
            wanted = version is None or params.version == version
            if moment >= since and params.uri == uri and wanted:
                return params
        return None

    async def wait() -> types.PublishDiagnosticsParams | None:
        async with client.arrived:  # type: ignore[attr-defined]
            await client.arrived.wait_for(arrived)  # type: ignore[attr-defined]
            return arrived()

    params = await asyncio.wait_for(wait(), 60)
    assert params is not None
    return sorted(params.diagnostics, key=lambda d: (d.range.start.line, d.range.start.character))


async def open_file(client: LanguageClient, root: Path, name: str) -> list[types.Diagnostic]:
    uri = uri_of(root, name)
    since = time.perf_counter()
    text = (root / name).read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, text))
    )
    return await diagnostics_after(client, uri, since, 1)


async def replace_text(
    client: LanguageClient, root: Path, name: str, text: str, version: int
) -> list[types.Diagnostic]:
    uri = uri_of(root, name)
    since = time.perf_counter()
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [types.TextDocumentContentChangeWholeDocument(text)],
        )
    )
    return await diagnostics_after(client, uri, since, version)


def check_json(root: Path) -> list[dict[str, Any]]:
    """``playbook check --format json`` run in the workspace folder, as a user would."""
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--format", "json", "--no-cache", "playbooks"],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["findings"]


# ---- diagnostics ----------------------------------------------------------------------------


async def test_diagnostics_are_checks_findings_at_the_same_places(
    client: LanguageClient, folder: Path
) -> None:
    """Every finding of ``playbook check`` in an open file is a diagnostic: same rule, same
    message and hint, same line, the column converted to the negotiated encoding."""
    assert encoding(client) == PROFILES[client.profile]  # type: ignore[attr-defined]
    expected = check_json(folder)
    for name in (QUALITY, DELIVERY):
        diagnostics = await open_file(client, folder, name)
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        wanted = sorted(
            (
                f["rule"],
                f["line"] - 1,
                units(lines[f["line"] - 1][: f["column"] - 1], encoding(client)),
                f"{f['message']}\n提示：{f['hint']}",
            )
            for f in expected
            if f["path"] == name
        )
        got = sorted(
            (d.code, d.range.start.line, d.range.start.character, d.message) for d in diagnostics
        )
        assert got == wanted
        assert {d.source for d in diagnostics} == {"playbook"}
    assert {f["path"] for f in expected} == {QUALITY, DELIVERY}


async def test_columns_after_an_astral_character(client: LanguageClient, folder: Path) -> None:
    """``related: [𠮷田, 9]``: the 9 is code point 14, UTF-16 unit 15, UTF-8 byte 19."""
    diagnostics = await open_file(client, folder, DELIVERY)
    starts = [d.range.start.character for d in diagnostics]
    assert starts == [10, {"utf-32": 14, "utf-16": 15, "utf-8": 19}[encoding(client)]]
    nine = diagnostics[1]
    assert nine.range.end.character == nine.range.start.character + 2  # "9]"
    assert nine.severity == types.DiagnosticSeverity.Error


async def test_an_edit_is_checked_and_other_open_files_follow(
    editor: LanguageClient, folder: Path
) -> None:
    quality = await open_file(editor, folder, QUALITY)
    assert [d.code for d in quality] == ["PB201", "PB412"]
    assert await open_file(editor, folder, SERVICE) == []
    await open_file(editor, folder, "playbooks/categories/after-sales.yaml")
    text = (folder / QUALITY).read_text(encoding="utf-8")
    fixed = text.replace("owner: nobody\n", "owner: agent\n", 1)
    assert [d.code for d in await replace_text(editor, folder, QUALITY, fixed, 2)] == ["PB412"]
    # product-quality takes service-attitude's id: service-attitude, later in the folder, is
    # told (PB202, across files); after-sales has nothing new and is not published again
    since = time.perf_counter()
    clash = fixed.replace("id: product-quality\n", "id: service-attitude\n", 1)
    mine = await replace_text(editor, folder, QUALITY, clash, 3)
    assert [d.code for d in mine] == ["PB203", "PB412"]
    other = await diagnostics_after(editor, uri_of(folder, SERVICE), since)
    assert [d.code for d in other] == ["PB202"]
    assert other[0].message.startswith(f"类别标识「service-attitude」重复：{QUALITY} 第 ")
    await asyncio.sleep(0.3)
    after_sales = uri_of(folder, "playbooks/categories/after-sales.yaml")
    assert not [p for t, p in editor.published if t >= since and p.uri == after_sales]  # type: ignore[attr-defined]


async def test_a_change_to_the_policy_reaches_the_open_categories(
    editor: LanguageClient, folder: Path
) -> None:
    assert [d.code for d in await open_file(editor, folder, QUALITY)] == ["PB201", "PB412"]
    await open_file(editor, folder, "playbooks/policy.yaml")
    policy = (folder / "playbooks/policy.yaml").read_text(encoding="utf-8")
    since = time.perf_counter()
    renamed = policy.replace("  - id: agent\n", "  - id: nobody\n", 1)
    editor.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(
                version=2, uri=uri_of(folder, "playbooks/policy.yaml")
            ),
            [types.TextDocumentContentChangeWholeDocument(renamed)],
        )
    )
    quality = await diagnostics_after(editor, uri_of(folder, QUALITY), since)
    messages = [d.message for d in quality if d.code == "PB201"]
    assert not any("「nobody」" in m for m in messages), "nobody is a tier now"
    assert any("层级「agent」不存在" in m for m in messages)


async def test_files_outside_a_playbook_folder_are_left_alone(
    editor: LanguageClient, folder: Path
) -> None:
    other = folder / "mkdocs.yml"
    other.write_text("site_name: 手册\n", encoding="utf-8")
    uri = uri_of(folder, "mkdocs.yml")
    editor.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, other.read_text()))
    )
    await open_file(editor, folder, QUALITY)  # answered after the first had its turn
    assert uri not in editor.diagnostics


async def test_closing_clears_and_takes_the_file_from_disk_again(
    editor: LanguageClient, folder: Path
) -> None:
    await open_file(editor, folder, QUALITY)
    assert await open_file(editor, folder, SERVICE) == []
    text = (folder / QUALITY).read_text(encoding="utf-8")
    unsaved = text.replace("id: product-quality\n", "id: service-attitude\n", 1)
    since = time.perf_counter()
    await replace_text(editor, folder, QUALITY, unsaved, 2)
    assert [d.code for d in await diagnostics_after(editor, uri_of(folder, SERVICE), since)] == [
        "PB202"
    ]
    since = time.perf_counter()
    editor.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri_of(folder, QUALITY)))
    )
    assert await diagnostics_after(editor, uri_of(folder, QUALITY), since) == []
    # the unsaved id went with the buffer: the file on disk counts, service-attitude is clean
    assert await diagnostics_after(editor, uri_of(folder, SERVICE), since) == []


async def test_files_changed_outside_the_editor_are_picked_up(
    editor: LanguageClient, folder: Path
) -> None:
    """VS Code registers file watchers (dynamic registration) and reports changes on disk."""
    await open_file(editor, folder, SERVICE)  # answered after the registration was sent
    assert [r.method for r in editor.registrations] == [  # type: ignore[attr-defined]
        types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    ]
    replace_in(folder / QUALITY, "id: product-quality\n", "id: service-attitude\n")
    since = time.perf_counter()
    editor.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri_of(folder, QUALITY), types.FileChangeType.Changed)]
        )
    )
    service = await diagnostics_after(editor, uri_of(folder, SERVICE), since)
    assert [d.code for d in service] == ["PB202"]


async def test_a_save_rescans_the_folder_for_clients_without_file_events(
    editor: LanguageClient, folder: Path
) -> None:
    """Neovim sends no file events: saving any document picks up what changed on disk."""
    await open_file(editor, folder, SERVICE)
    (folder / QUALITY).unlink()
    (folder / "playbooks/categories/copy.yaml").write_text(
        (folder / SERVICE).read_text(encoding="utf-8"), encoding="utf-8"
    )
    since = time.perf_counter()
    editor.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri_of(folder, SERVICE)))
    )
    service = await diagnostics_after(editor, uri_of(folder, SERVICE), since)
    assert [d.code for d in service] == ["PB202"]
    assert "playbooks/categories/copy.yaml 第 " in service[0].message


# ---- hover ----------------------------------------------------------------------------------


def position_of(root: Path, name: str, needle: str, client: LanguageClient) -> types.Position:
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if needle in text)
    column = lines[line].index(needle) + 1
    return types.Position(line, units(lines[line][:column], encoding(client)))


async def test_hover_on_a_duration_shows_it_on_the_calendar(
    client: LanguageClient, folder: Path
) -> None:
    await open_file(client, folder, QUALITY)
    uri = uri_of(folder, QUALITY)
    where = position_of(folder, QUALITY, '"3 working days"', client)
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), where)
    )
    assert hover is not None
    text = hover.contents.value  # type: ignore[union-attr]
    assert text.startswith("**3 个工作日**（3 working days）")
    assert "收到当天不算，从次日起只数工作日" in text
    # PLAYBOOK_TODAY is 2026-10-15 (conftest): the next Friday is 2026-10-16; three working
    # days later, counted from Monday, is Wednesday 2026-10-21 at closing time
    assert "- 周五 17:00（2026-10-16）收到 → 周三 18:00（2026-10-21）到期" in text
    assert hover.range is not None and hover.range.start.line == where.line


async def test_hover_elsewhere_says_nothing(editor: LanguageClient, folder: Path) -> None:
    await open_file(editor, folder, QUALITY)
    where = position_of(folder, QUALITY, "product-quality", editor)
    hover = await editor.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri_of(folder, QUALITY)), where)
    )
    assert hover is None


async def test_hover_on_a_bad_duration_says_what_is_wrong(
    editor: LanguageClient, folder: Path
) -> None:
    await open_file(editor, folder, QUALITY)
    text = (folder / QUALITY).read_text(encoding="utf-8")
    broken = text.replace('resolution: "3 working days"', "resolution: 3d", 1)
    await replace_text(editor, folder, QUALITY, broken, 2)
    line = broken.splitlines().index("    resolution: 3d")
    hover = await editor.text_document_hover_async(
        types.HoverParams(
            types.TextDocumentIdentifier(uri_of(folder, QUALITY)), types.Position(line, 17)
        )
    )
    assert hover is not None
    assert hover.contents.value.startswith("**这不是有效的时长**：时长「3d」")  # type: ignore[union-attr]


# ---- the quick fix ---------------------------------------------------------------------------


def apply(text: str, edits: list[types.TextEdit], encoding_name: str) -> str:
    """Apply insertions (the quick fix's edits) the way an editor does."""
    lines = text.split("\n")
    for change in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        line = lines[change.range.start.line]
        # find the code-point column of the client's character offset
        column, used = 0, 0
        while used < change.range.start.character:
            used += units(line[column], encoding_name)
            column += 1
        end_column, used = 0, 0
        while used < change.range.end.character:
            used += units(line[end_column], encoding_name)
            end_column += 1
        lines[change.range.start.line] = line[:column] + change.new_text + line[end_column:]
    return "\n".join(lines)


async def test_quick_fix_inserts_a_suppression_that_waits_for_its_reason(
    client: LanguageClient, folder: Path
) -> None:
    diagnostics = await open_file(client, folder, QUALITY)
    uri = uri_of(folder, QUALITY)
    warning = next(d for d in diagnostics if d.code == "PB412")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            warning.range,
            types.CodeActionContext(diagnostics=[warning]),
        )
    )
    assert actions is not None and len(actions) == 1
    action = actions[0]
    assert isinstance(action, types.CodeAction)
    assert action.kind == types.CodeActionKind.QuickFix
    assert action.title == f"用注释抑制 PB412（再把“{REASON_PLACEHOLDER}”改成真实的原因）"
    assert action.edit is not None and action.edit.changes is not None
    text = (folder / QUALITY).read_text(encoding="utf-8")
    fixed = apply(text, list(action.edit.changes[uri]), encoding(client))
    assert f"\n    # playbook: disable=PB412 {REASON_PLACEHOLDER}\n    kind: voucher\n" in fixed
    # accepted as it is, the placeholder does not count as a reason: PB901, and PB412 stays
    after = await replace_text(client, folder, QUALITY, fixed, 2)
    assert [d.code for d in after] == ["PB201", "PB901", "PB412"]
    placeholder = next(d for d in after if d.code == "PB901")
    assert f"「{REASON_PLACEHOLDER}」还是占位文字" in placeholder.message
    # with a real reason the warning is suppressed (shown as a hint) and PB901 is gone
    reasoned = fixed.replace(REASON_PLACEHOLDER, "代金券面额由营销活动统一规定")
    final = await replace_text(client, folder, QUALITY, reasoned, 3)
    assert [(d.code, d.severity) for d in final] == [
        ("PB201", types.DiagnosticSeverity.Error),
        ("PB412", types.DiagnosticSeverity.Hint),
    ]
    assert final[1].message.startswith("已抑制（原因：代金券面额由营销活动统一规定）")


async def test_no_quick_fix_for_reading_and_schema_problems(
    editor: LanguageClient, folder: Path
) -> None:
    """A file that cannot be read or does not fit its schema is left out of the model:
    suppressing that would hide the file, not an exception to a rule."""
    diagnostics = await open_file(editor, folder, DELIVERY)
    assert [d.code for d in diagnostics] == ["PB103", "PB103"]
    actions = await editor.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri_of(folder, DELIVERY)),
            diagnostics[0].range,
            types.CodeActionContext(diagnostics=diagnostics),
        )
    )
    assert not actions


# ---- the command without the extra ---------------------------------------------------------


def test_lsp_without_pygls_says_what_to_install(monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    monkeypatch.delitem(sys.modules, "checker.lsp.server", raising=False)
    assert main(["lsp"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'complaint-playbooks[lsp]'" in err


def test_the_server_reads_nothing_outside_the_playbook_folder(tmp_path: Path) -> None:
    """The language server admits the files ``check`` admits: a link leading out of the
    folder is neither loaded with the folder nor read when the editor opens or reloads it."""
    from checker.lsp.folders import Folders

    folder = tmp_path / "work" / "playbooks"
    shutil.copytree(PLAYBOOKS, folder)
    secret = tmp_path / "secret.yaml"
    secret.write_text("kind: category\nid: secret\n", encoding="utf-8")
    link = folder / "categories" / "secret.yaml"
    link.symlink_to(secret)
    folders = Folders()
    folders.bases.append((tmp_path / "work").resolve())
    loaded = folders.folder_of(link.parent / "x.yaml")
    assert loaded is not None
    assert all("secret" not in name for name in loaded.disk)
    assert not loaded.inside(link.resolve())
    loaded.reload(link.resolve())
    assert all("secret" not in name for name in loaded.disk)
    elsewhere = tmp_path / "elsewhere" / "playbooks"
    shutil.copytree(PLAYBOOKS, elsewhere)
    assert folders.folder_of(elsewhere / "policy.yaml") is None  # outside the workspace
