// Starts `playbook lsp` for the playbook folders of the workspace. The YAML extension
// (redhat.vscode-yaml) keeps serving every YAML file: schema validation, completion and
// field help; this client adds the checker's business rules, hovers and quick fixes.
import * as path from "path";
import { ExtensionContext, workspace } from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const folder = workspace.workspaceFolders?.[0];
  if (!folder) {
    return;
  }
  const [command, ...args] = workspace
    .getConfiguration("playbook")
    .get<string[]>("command", [".venv/bin/playbook", "lsp"]);
  const executable =
    path.isAbsolute(command) || !command.includes("/")
      ? command
      : path.join(folder.uri.fsPath, command);
  const serverOptions: ServerOptions = {
    command: executable,
    args,
    transport: TransportKind.stdio,
    options: { cwd: folder.uri.fsPath },
  };
  const clientOptions: LanguageClientOptions = {
    // every YAML file: the server answers only for those in a folder with policy.yaml
    documentSelector: [{ scheme: "file", language: "yaml" }],
    diagnosticCollectionName: "playbook",
    synchronize: { fileEvents: workspace.createFileSystemWatcher("**/*.{yaml,yml}") },
  };
  client = new LanguageClient("playbook", "投诉处理手册检查", serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push(client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
