"""Hostile input stays linear: files built to make a checker slow, timed side by side in one run.

Prints, for each file, the bare ``yaml.compose(CSafeLoader)`` time and what the file adds to an
in-process check of the bundled playbooks (``check_paths``, no cache), and their ratio:

  * 17,500 keys written twice (35,000 keys, ~720 KB): 17,500 duplicate keys (PB007) and
    17,500 unknown fields (PB105), each positioned; a scan of the mapping per finding made
    this quadratic (44 s on main before the hardening);
  * 35,000 duplicates of one key;
  * 20,000 raw U+2028 line separators inside values (PB010, capped per file);
  * a 5,000-digit number and a 300 KB single-line string.

The ratio should stay a small constant: the check does more than the parse (schema, rules,
messages), but nothing per finding that grows with the file.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HEADER = (ROOT / "playbooks" / "categories" / "product-quality.yaml").read_text(encoding="utf-8")


def hostile_files() -> dict[str, str]:
    twice = "".join(f"k{i:05d}: 问题{i:05d}\n" for i in range(17_500)) * 2
    return {
        "35,000 keys, 17,500 duplicated": HEADER + twice,
        "35,000 duplicates of one key": HEADER + "summary: 客户问题\n" * 35_000,
        "20,000 raw U+2028": HEADER + "".join(f"n{i}: 行\u2028分隔\n" for i in range(20_000)),
        "5,000-digit number, 300 KB line": HEADER + "n: " + "9" * 5000 + "\ns: " + "长" * 100_000,
    }


def best_of(repeat: int, action, *args):
    """(best time of ``repeat`` calls, the last call's result)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action(*args)
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    from checker.pipeline.engine import check_paths

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    work = Path(tempfile.mkdtemp(prefix="playbook-hostile-"))
    try:
        folder = work / "playbooks"
        shutil.copytree(ROOT / "playbooks", folder)
        baseline, _ = best_of(3, check_paths, [str(folder)])
        print(f"检查随附的手册（基准，之后各行减去它）：{baseline:.2f}s")
        print(f"{'文件':<34}{'大小':>10}{'裸解析':>10}{'多出的检查':>10}{'倍数':>8}{'问题数':>9}")
        for name, text in hostile_files().items():
            (folder / "categories" / "hostile.yaml").write_text(text, encoding="utf-8")
            safe = text.replace("\u2028", " ")  # PyYAML's reader would break lines there
            bare, _ = best_of(3, yaml.compose, safe, loader)
            checked, result = best_of(3, check_paths, [str(folder)])
            extra = max(checked - baseline, 0.0)
            size = len(text.encode("utf-8")) / 1024
            print(
                f"{name:<34}{size:>8.0f}KB{bare:>9.2f}s{extra:>9.2f}s"
                f"{extra / bare:>7.1f}×{len(result.findings):>9}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
