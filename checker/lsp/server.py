"""The language server: diagnostics from every rule while typing, hovers on durations, and a
quick fix that suppresses a finding with a placeholder reason.

Each playbook folder an open document belongs to is loaded once and kept warm
(``folders.Folder``): an edit re-reads that one document, re-runs the file checks on it and the
across-files checks on the whole set, and publishes the open documents whose diagnostics
changed. Nothing is printed to stdout, which is the protocol's channel.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from checker import __version__
from checker.lsp.actions import suppression_action
from checker.lsp.diagnostics import diagnostic
from checker.lsp.folders import Folder, Folders
from checker.lsp.hover import DURATION_FIELDS, explain, scalar_at
from checker.lsp.positions import Positions, split_lines

log = logging.getLogger("playbook.lsp")


class PlaybookServer(LanguageServer):
    """``playbook lsp``."""

    def __init__(self) -> None:
        super().__init__(
            "playbook", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.folders = Folders()
        self.published: dict[str, list[types.Diagnostic]] = {}

    # ---- documents ------------------------------------------------------------------------

    def located(self, uri: str) -> tuple[Folder, Path, str] | None:
        """The document's playbook folder, file and name; None for anything else (an unsaved
        buffer, a YAML file outside a playbook folder)."""
        fs_path = to_fs_path(uri)
        if not fs_path or not fs_path.endswith((".yaml", ".yml")):
            return None
        # the folder is the one the document's own location is in; a link that leads out of
        # it (or anywhere else) is not followed: the checker refuses it too (PB012)
        lexical = Path(os.path.abspath(fs_path))
        folder = self.folders.folder_of(lexical)
        path = lexical.resolve()
        if folder is None or not folder.inside(path):
            return None
        return folder, path, folder.name(path)

    def positions(self, uri: str) -> Positions:
        document = self.workspace.get_text_document(uri)
        return Positions(split_lines(document.source), self.workspace.position_encoding)

    def open_names(self, folder: Folder) -> dict[str, str]:
        """Name -> URI of the folder's documents open in the editor."""
        names = {}
        for uri in self.workspace.text_documents:
            fs_path = to_fs_path(uri)
            if fs_path:
                path = Path(fs_path).resolve()
                if path.is_relative_to(folder.root):
                    names[folder.name(path)] = uri
        return names

    def take_text(self, uri: str) -> Folder | None:
        """Give the checker the editor's text of the document."""
        found = self.located(uri)
        if found is None:
            return None
        folder, path, name = found
        document = self.workspace.get_text_document(uri)
        folder.put(name, document.source.encode("utf-8"), path)
        return folder

    def publish(self, folder: Folder, always: str = "") -> None:
        """Publish the diagnostics of the folder's open documents that changed (and of the
        document at ``always``, whose version moved on)."""
        findings = folder.findings()
        for name, uri in self.open_names(folder).items():
            positions = self.positions(uri)
            found = [diagnostic(f, positions) for f in findings.get(name, [])]
            if uri != always and self.published.get(uri) == found:
                continue
            self.published[uri] = found
            version = self.workspace.get_text_document(uri).version
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version)
            )

    def clear(self, uri: str) -> None:
        self.published.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )


server = PlaybookServer()


@server.feature(types.INITIALIZE)
def initialize(ls: PlaybookServer, params: types.InitializeParams) -> None:
    """Remember the editor's workspace folders: files are named relative to them."""
    uris = [f.uri for f in params.workspace_folders or ()] or [params.root_uri or ""]
    for uri in uris:
        fs_path = to_fs_path(uri) if uri else None
        if fs_path:
            ls.folders.bases.append(Path(fs_path).resolve())


@server.feature(types.INITIALIZED)
async def initialized(ls: PlaybookServer, params: types.InitializedParams) -> None:
    """Ask to hear of YAML files changed outside the editor, where the client can be asked."""
    capabilities = ls.client_capabilities.workspace
    watched = capabilities.did_change_watched_files if capabilities else None
    if not (watched and watched.dynamic_registration):
        return  # e.g. Neovim: the folder is rescanned on every save instead
    registration = types.Registration(
        id="playbook-yaml-files",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[
                types.FileSystemWatcher(glob_pattern="**/*.yaml"),
                types.FileSystemWatcher(glob_pattern="**/*.yml"),
            ]
        ),
    )
    try:
        await ls.client_register_capability_async(
            types.RegistrationParams(registrations=[registration])
        )
    except Exception:  # a client that claims support and then refuses must not end the session
        log.warning("the client did not accept the file watchers", exc_info=True)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: PlaybookServer, params: types.DidOpenTextDocumentParams) -> None:
    folder = ls.take_text(params.text_document.uri)
    if folder is not None:
        ls.publish(folder, always=params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: PlaybookServer, params: types.DidChangeTextDocumentParams) -> None:
    # pygls has applied the changes to the document before this runs
    folder = ls.take_text(params.text_document.uri)
    if folder is not None:
        ls.publish(folder, always=params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
def did_save(ls: PlaybookServer, params: types.DidSaveTextDocumentParams) -> None:
    found = ls.located(params.text_document.uri)
    if found is not None:
        folder = found[0]
        folder.rescan(ls.open_names(folder))
        ls.publish(folder)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: PlaybookServer, params: types.DidCloseTextDocumentParams) -> None:
    """The buffer may have been thrown away unsaved: the file on disk counts again."""
    uri = params.text_document.uri
    ls.clear(uri)
    found = ls.located(uri)
    if found is not None:
        folder, path, _ = found
        folder.reload(path)
        ls.publish(folder)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def watched_files(ls: PlaybookServer, params: types.DidChangeWatchedFilesParams) -> None:
    touched: dict[int, Folder] = {}
    for change in params.changes:
        found = ls.located(change.uri)
        if found is None:
            continue
        folder, path, name = found
        if name in ls.open_names(folder):
            continue  # the editor's text is what counts for an open document
        folder.reload(path)
        touched[id(folder)] = folder
    for folder in touched.values():
        ls.publish(folder)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: PlaybookServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    found = ls.located(uri)
    if found is None:
        return None
    positions = ls.positions(uri)
    line, column = positions.from_client(params.position)
    document = ls.workspace.get_text_document(uri)
    hit = scalar_at(document.source, line, column)
    if hit is None or hit[0] not in DURATION_FIELDS or not isinstance(hit[1].value, str):
        return None
    node = hit[1]
    calendar = found[0].shared().calendar
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown,
            value=explain(node.value, calendar, found[0].workspace.today),
        ),
        range=types.Range(
            positions.to_client(node.start_mark.line, node.start_mark.column),
            positions.to_client(node.end_mark.line, node.end_mark.column),
        ),
    )


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_action(ls: PlaybookServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """A suppression for each of our diagnostics on the lines asked about."""
    uri = params.text_document.uri
    first, last = params.range.start.line, params.range.end.line
    positions = ls.positions(uri)
    actions = []
    for found in ls.published.get(uri, []):
        if first <= found.range.start.line <= last:
            if found.severity == types.DiagnosticSeverity.Hint:
                continue  # already suppressed
            action = suppression_action(uri, positions, found)
            if action is not None:
                actions.append(action)
    return actions


def serve() -> None:
    """Talk LSP over stdin/stdout until the editor says exit."""
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    server.start_io()


__all__ = ["PlaybookServer", "from_fs_path", "serve", "server"]
