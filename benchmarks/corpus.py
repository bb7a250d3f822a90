"""Generate a synthetic playbook folder: the bundled policy, customer types and working calendar
plus N category files made from the bundled categories (same size and shape, unique ids)."""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOKS = ROOT / "playbooks"


def generate(target: Path, count: int) -> list[Path]:
    """Write the corpus into ``target`` (emptied first); return the category files."""
    if target.exists():
        shutil.rmtree(target)
    (target / "categories").mkdir(parents=True)
    for name in ("policy.yaml", "customer-types.yaml", "calendar.yaml"):
        shutil.copy(PLAYBOOKS / name, target / name)
    templates = sorted((PLAYBOOKS / "categories").glob("*.yaml"))
    written = []
    for i in range(count):
        template = templates[i % len(templates)]
        new_id = f"{template.stem}-{i:04d}"
        text = template.read_text(encoding="utf-8")
        text = text.replace(f"id: {template.stem}\n", f"id: {new_id}\n", 1)
        # related: lists point at bundled ids that do not exist here; drop them
        lines = [ln for ln in text.splitlines() if not ln.startswith("related:")]
        path = target / "categories" / f"{new_id}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    # the policy's signals and routes name bundled categories: point each at its first copy
    first = {t.stem: f"{t.stem}-{i:04d}" for i, t in enumerate(templates) if i < count}
    policy = target / "policy.yaml"
    policy.write_text(
        re.sub(
            r"^(\s+category: )(\S+)$",
            lambda m: m[1] + first.get(m[2], m[2]),
            policy.read_text(encoding="utf-8"),
            flags=re.M,
        ),
        encoding="utf-8",
    )
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="生成基准测试用的手册文件夹")
    parser.add_argument("target", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    files = generate(args.target, args.count)
    print(f"已生成 {len(files)} 个类别文件到 {args.target}")


if __name__ == "__main__":
    main()
