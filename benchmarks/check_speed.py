"""Checker speed on a synthetic 1,000-category corpus, measured side by side in one run.

Prints, for the same files:
  * the bare ``yaml.load(CSafeLoader)`` time (in-process loop, no checks at all);
  * ``playbook check`` cold, in-process (``check_paths``, no cache): load + schema + rules;
  * ``playbook check`` as a command (new process, no cache), and the same command run twice
    with the content-hash cache (first run fills it, second run is answered from it);
  * ``check-jsonschema`` with the category schema on the same category files (one process).
Targets: in-process check <= 2x the bare parse; the check command faster than check-jsonschema.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

ROOT = Path(__file__).resolve().parent.parent


def timed(fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"命令失败：{' '.join(cmd)}\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description="检查器速度基准")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument(
        "--repeat", type=int, default=3, help="in-process timings take the best of N"
    )
    args = parser.parse_args()

    from checker.pipeline.engine import check_paths

    work = Path(tempfile.mkdtemp(prefix="playbook-bench-"))
    try:
        corpus = work / "playbooks"
        categories = generate(corpus, args.count)
        files = sorted(corpus.rglob("*.yaml"))
        size = sum(p.stat().st_size for p in files)
        print(
            f"语料：{len(files)} 个文件（{len(categories)} 个类别），共 {size / 1024 / 1024:.1f} MiB"
        )

        def bare() -> None:
            for path in files:
                yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        result = check_paths([corpus])
        assert result.summary.errors == 0, result.summary.sentence()
        t_bare = timed(bare, args.repeat)
        t_check = timed(lambda: check_paths([corpus]), args.repeat)

        env = dict(os.environ, PLAYBOOK_CACHE_DIR=str(work / "cache"))
        cli = [sys.executable, "-m", "checker", "check"]
        t_cli_cold = run([*cli, "--no-cache", str(corpus)], ROOT, env)
        t_cli_first = run([*cli, str(corpus)], ROOT, env)
        t_cli_second = run([*cli, str(corpus)], ROOT, env)
        t_noop = run([sys.executable, "-m", "checker", "rules"], ROOT, env)

        cjs = shutil.which("check-jsonschema") or str(
            Path(sys.executable).with_name("check-jsonschema")
        )
        schema = ROOT / "schemas" / "category.schema.json"
        # the $ref between schemas resolve against their $id (the published handbook): point the
        # base at the files here, so check-jsonschema reads them from disk, not the network
        base = ["--base-uri", schema.as_uri()]
        t_cjs = run([cjs, "--schemafile", str(schema), *base, *map(str, categories)], ROOT)

        rows = [
            ("裸解析 yaml.load(CSafeLoader)（进程内）", t_bare, ""),
            (
                "playbook check 冷启动（进程内，无缓存）",
                t_check,
                f"裸解析的 {t_check / t_bare:.2f} 倍（目标 ≤ 2）",
            ),
            ("playbook check 命令（新进程，无缓存）", t_cli_cold, ""),
            (
                "check-jsonschema 命令（同一批类别文件）",
                t_cjs,
                f"playbook check 命令的 {t_cjs / t_cli_cold:.2f} 倍",
            ),
            ("playbook check 命令 第一次（写入缓存）", t_cli_first, ""),
            (
                "playbook check 命令 第二次（缓存命中）",
                t_cli_second,
                f"第一次的 {t_cli_second / t_cli_first:.2f} 倍",
            ),
            ("参考：进程启动 + 导入（rules 命令）", t_noop, ""),
        ]
        print()
        for label, seconds, ratio in rows:
            print(f"{label:<32}{seconds:9.3f} s   {ratio}".rstrip())
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
