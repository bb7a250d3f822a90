"""Diff speed against check speed on a synthetic 1,000-category corpus, side by side in one run.

The corpus (``benchmarks/corpus.py``) is BASE; HEAD is the same corpus with the first
resolution limit (the normal severity's) one working day longer in 10 files, then in every
category file. For each HEAD this prints, on the same machine in the same run:

  * ``playbook check`` of HEAD, in-process (``check_paths``, no cache): the reference;
  * ``playbook diff BASE HEAD`` of the two folders, in-process (``build_report``), and its
    Markdown rendered for the pull-request comment (both in-process rows with cyclic garbage
    collection paused, so they compare the work itself);
  * both as commands (new processes): ``playbook check --no-cache HEAD`` and
    ``playbook diff BASE-SHA HEAD-SHA --format markdown`` on a git repository holding both
    (the way CI runs it), with their CPU times.

Target: diff <= 1.5x the check's time, with 10 and with 1,000 changed files. Also printed: the
length of the Markdown comment (capped at 60,000 characters) and how many loosened rows it kept.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

ROOT = Path(__file__).resolve().parent.parent
# the first resolution limit of a category (its normal severity), one working day longer
RESOLUTION = re.compile(r"(\n    resolution: \"?)(\d+)")
GIT = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def best(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best wall and CPU seconds of ``repeat`` runs, with cyclic garbage collection paused for
    both the check and the diff (the commands below run as shipped: the diff command pauses it,
    the check command does not)."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            wall = min(wall, time.perf_counter() - start)
            cpu = min(cpu, time.process_time() - start_cpu)
        finally:
            gc.enable()
    return wall, cpu


def command(cmd: list[str], cwd: Path, repeat: int) -> tuple[float, float]:
    """Best wall and CPU seconds (the child's user + system time) of a command."""
    wall = cpu = float("inf")
    env = {**os.environ, **GIT}
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
        wall = min(wall, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in (0, 1):
            raise SystemExit(f"命令失败：{' '.join(cmd)}\n{done.stderr}")
    return wall, cpu


def loosen(folder: Path, count: int) -> None:
    for path in sorted((folder / "categories").glob("*.yaml"))[:count]:
        text = path.read_text(encoding="utf-8")
        longer = RESOLUTION.sub(lambda m: f"{m[1]}{int(m[2]) + 1}", text, count=1)
        assert longer != text, path
        path.write_text(longer, encoding="utf-8")


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT}
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description="变更报告（playbook diff）速度基准")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="每项取 N 次中最好的一次")
    args = parser.parse_args()

    from checker.diff.formats.markdown import COMMENT_LIMIT, render, render_comment
    from checker.diff.review import build_report
    from checker.pipeline.engine import check_paths

    work = Path(tempfile.mkdtemp(prefix="playbook-diff-bench-"))
    try:
        base = work / "base" / "playbooks"
        generate(base, args.count)
        repo = work / "repo"
        repo.mkdir()
        git(repo, "init", "-q", "-b", "main")
        shutil.copytree(base, repo / "playbooks")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "base")
        base_sha = git(repo, "rev-parse", "HEAD")
        files = len(list(base.rglob("*.yaml")))
        print(f"语料：{files} 个文件（{args.count} 个类别）；每项取 {args.repeat} 次中最好的一次")
        print()
        header = f"{'':<44}{'墙钟':>9}{'CPU':>9}   与检查之比（墙钟 / CPU）"
        print(header)
        for changed in (10, args.count):
            head = work / f"head-{changed}" / "playbooks"
            shutil.copytree(base, head)
            loosen(head, changed)
            shutil.rmtree(repo / "playbooks")
            shutil.copytree(head, repo / "playbooks")
            git(repo, "add", "-A")
            git(repo, "commit", "-q", "-m", f"loosen {changed}")
            head_sha = git(repo, "rev-parse", "HEAD")

            check = best(lambda head=head: check_paths([head]), args.repeat)
            diff = best(
                lambda head=head: build_report(str(base), str(head), "playbooks"), args.repeat
            )
            report = build_report(str(base), str(head), "playbooks")
            comment = render_comment(report)
            cli = [sys.executable, "-m", "checker"]
            check_cmd = command([*cli, "check", "--no-cache", "playbooks"], repo, args.repeat)
            diff_cmd = command(
                [*cli, "diff", base_sha, head_sha, "--format", "markdown"], repo, args.repeat
            )

            print(f"改动 {changed} 个文件（{len(report.changes)} 处变更）")
            for label, (wall, cpu), ref in (
                ("  playbook check（进程内，无缓存）", check, None),
                ("  playbook diff 两个文件夹（进程内）", diff, check),
                ("  playbook check --no-cache（新进程）", check_cmd, None),
                ("  playbook diff 基准提交 对比提交（新进程）", diff_cmd, check_cmd),
            ):
                ratio = f"   {wall / ref[0]:.2f}× / {cpu / ref[1]:.2f}×" if ref else ""
                print(f"{label:<44}{wall:8.2f}s{cpu:8.2f}s{ratio}")
            table = comment.split("### 放宽", 1)[-1].split("\n\n")[1].splitlines()[2:]
            grouped = "处数" in comment
            print(
                f"  PR 评论：{len(comment):,} 个字符（上限 {COMMENT_LIMIT:,}），放宽表 {len(table)} 行"
                f"{'（按内容合并，带处数）' if grouped else '（每处一行）'}；"
                f"完整报告（作业摘要、产物）：{len(render(report)):,} 个字符"
            )
            print()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
