"""Checker speed and memory, measured side by side in one run (issue 12's figures).

On a corpus of N categories made from the bundled ones (``corpus.py``, calendar included),
every measurement is a whole new process, repeated and interleaved so that a busy machine
slows all of them alike; medians are reported, wall clock and CPU (user + system):

  * a bare ``yaml.load(CSafeLoader)`` of every file (no checks at all);
  * ``playbook check --no-cache`` (cold): ratio to the bare parse, target <= 1.5;
  * ``playbook check`` with nothing changed since the last run: ratio to cold, target <= 0.1;
  * ``playbook check`` after one category's summary changed: ratio to cold, target <= 0.1;
  * ``playbook lsp`` driven by a real LSP client: time from a didChange to the diagnostics
    published for it, over many edits (median, 95th percentile, maximum), target <= 200 ms;
  * peak memory (max RSS) of a cold check at N and at --big categories, target <= 300 MB
    at 10,000.

The corpus files are left to rest for a few seconds before the runs, as a repository's files
are: the cache then recognises unchanged files by size, times and inode, while the file just
edited is read and hashed. Python writes its bytecode caches (as an installed checker has
them), whatever PYTHONDONTWRITEBYTECODE says.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

ROOT = Path(__file__).resolve().parent.parent
BARE = """
import sys, pathlib, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""
REST_SECONDS = 2.5  # longer than the cache's "at rest" margin (2 s)


@dataclass
class Runs:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def median(self, which: str) -> float:
        return statistics.median(getattr(self, which))


def environment(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CI")}
    env["PLAYBOOK_CACHE_DIR"] = str(cache)
    return env


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak memory (MiB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"命令失败：{' '.join(cmd)}\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def touch_summary(path: Path, round_: int) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("summary: "))
    lines[index] = f"summary: （第 {round_} 次修改）" + lines[index].removeprefix("summary: ")
    path.write_text("\n".join(lines), encoding="utf-8")


def check_runs(corpus: Path, work: Path, repeat: int) -> dict[str, Runs]:
    env = environment(work / "cache")
    check = [sys.executable, "-m", "checker", "check"]
    measure([sys.executable, "-m", "checker", "rules"], env)  # bytecode written once
    measure([*check, str(corpus)], env)  # fills the cache
    time.sleep(REST_SECONDS)
    edited = sorted((corpus / "categories").glob("*.yaml"))[len(os.listdir(corpus)) // 2]
    original = edited.read_bytes()
    runs = {name: Runs() for name in ("bare", "cold", "unchanged", "changed")}
    try:
        for round_ in range(repeat):
            for name in runs:
                if name == "bare":
                    cmd = [sys.executable, "-c", BARE, str(corpus)]
                elif name == "cold":
                    cmd = [*check, "--no-cache", str(corpus)]
                else:
                    cmd = [*check, str(corpus)]
                if name == "changed":
                    touch_summary(edited, round_)
                wall, cpu, _ = measure(cmd, env)
                runs[name].wall.append(wall)
                runs[name].cpu.append(cpu)
    finally:
        edited.write_bytes(original)
    return runs


async def lsp_latency(corpus: Path, edits: int) -> tuple[float, list[float]]:
    """Seconds until the first diagnostics of an opened category (the folder is loaded then),
    and the milliseconds from each didChange to the diagnostics published for it."""
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient
    from pygls.uris import from_fs_path

    client = LanguageClient("benchmark", "1")
    arrived: dict[tuple[str, int | None], float] = {}
    signal = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        arrived[(params.uri, params.version)] = time.perf_counter()
        signal.set()

    async def until(key: tuple[str, int | None]) -> float:
        while key not in arrived:
            signal.clear()
            await asyncio.wait_for(signal.wait(), 600)
        return arrived[key]

    env = environment(corpus.parent / "no-cache")
    await client.start_io(sys.executable, "-m", "checker", "lsp", env=env, cwd=str(ROOT))
    folder = from_fs_path(str(corpus.parent)) or ""
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=folder,
            workspace_folders=[types.WorkspaceFolder(folder, "bench")],
        )
    )
    client.initialized(types.InitializedParams())
    path = sorted((corpus / "categories").glob("*.yaml"))[0]
    uri = from_fs_path(str(path)) or ""
    text = path.read_text(encoding="utf-8")
    start = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, text))
    )
    loaded = await until((uri, 1)) - start
    latencies = []
    for version in range(2, edits + 2):
        changed = text.replace("\nsummary: ", f"\nsummary: （第 {version} 次修改）", 1)
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=version, uri=uri),
                [types.TextDocumentContentChangeWholeDocument(changed)],
            )
        )
        latencies.append((await until((uri, version)) - start) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return loaded, latencies


def peak_memory(corpus: Path, work: Path) -> float:
    env = environment(work / "cache")
    return measure([sys.executable, "-m", "checker", "check", "--no-cache", str(corpus)], env)[2]


def main() -> None:
    parser = argparse.ArgumentParser(description="检查器速度与内存基准")
    parser.add_argument("--count", type=int, default=1000, help="类别文件数")
    parser.add_argument("--big", type=int, default=10000, help="测内存峰值的大语料（0 跳过）")
    parser.add_argument("--repeat", type=int, default=5, help="每项进程计时的次数")
    parser.add_argument("--edits", type=int, default=40, help="语言服务器计时的编辑次数")
    parser.add_argument("--no-lsp", action="store_true", help="不测语言服务器")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="playbook-bench-"))
    load_before = os.getloadavg()
    try:
        corpus = work / "playbooks"
        categories = generate(corpus, args.count)
        files = sorted(corpus.rglob("*.yaml"))
        size = sum(p.stat().st_size for p in files)
        print(
            f"语料：{len(files)} 个文件（{len(categories)} 个类别，含工作日历），"
            f"共 {size / 1024 / 1024:.1f} MiB；每项 {args.repeat} 次，交替运行，取中位数"
        )
        runs = check_runs(corpus, work, args.repeat)
        latency: tuple[float, list[float]] | None = None
        if not args.no_lsp:
            latency = asyncio.run(lsp_latency(corpus, args.edits))
        memory = [(len(categories), peak_memory(corpus, work))]
        if args.big:
            big = work / "big" / "playbooks"
            generate(big, args.big)
            memory.append((args.big, peak_memory(big, work)))
        load_after = os.getloadavg()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def row(label: str, name: str, base: str | None, target: str) -> None:
        wall, cpu = runs[name].median("wall"), runs[name].median("cpu")
        text = f"{label:<26}{wall:8.3f} s {cpu:8.3f} s"
        if base is not None:
            ratio_wall = wall / runs[base].median("wall")
            ratio_cpu = cpu / runs[base].median("cpu")
            text += f"   {ratio_wall:5.3f}   {ratio_cpu:5.3f}   {target}"
        print(text)

    print()
    print(f"{'':<26}{'墙钟':>8}   {'CPU':>8}     比值（墙钟  CPU）")
    row("裸解析 CSafeLoader", "bare", None, "")
    row("check --no-cache（冷）", "cold", "bare", "÷ 裸解析，目标 ≤ 1.5")
    row("check，没有改动", "unchanged", "cold", "÷ 冷检查，目标 ≤ 0.1")
    row("check，改了一个类别", "changed", "cold", "÷ 冷检查，目标 ≤ 0.1")
    if latency is not None:
        loaded, times = latency
        ordered = sorted(times)
        p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
        print(
            f"\n语言服务器：打开第一个文件 {loaded:.1f} s 后发布诊断（载入整个手册文件夹）；"
            f"此后 {len(times)} 次编辑，从 didChange 到诊断发布："
            f"中位数 {statistics.median(times):.0f} ms，p95 {p95:.0f} ms，最大 {ordered[-1]:.0f} ms"
            "（目标 ≤ 200 ms）"
        )
    print()
    for count, peak in memory:
        print(f"内存峰值 check --no-cache，{count:>6} 个类别：{peak:6.0f} MiB（目标 ≤ 300 MiB）")
    print(
        f"\n机器负载（1/5/15 分钟平均）：开始 {load_before[0]:.1f}/{load_before[1]:.1f}/"
        f"{load_before[2]:.1f}，结束 {load_after[0]:.1f}/{load_after[1]:.1f}/{load_after[2]:.1f}"
        f"（{os.cpu_count()} 个 CPU）"
    )


if __name__ == "__main__":
    main()
