"""Print a pip constraints file pinning every dependency in pyproject.toml to its floor.

`.ci/run` installs the project with it (PIP_CONSTRAINT) into a second virtual environment and
runs the whole `make test` there, so the lowest versions pyproject.toml allows are the ones CI
proves to work. A requirement without a floor (`>=` or `==`) is an error: every dependency
must name the lowest version known to work.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")
FLOOR = re.compile(r"(?:>=|==)\s*([0-9][A-Za-z0-9.]*)")


def floors(pyproject: Path) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements.extend(extra)
    pins: dict[str, str] = {}
    for requirement in requirements:
        match = REQUIREMENT.match(requirement)
        floor = FLOOR.search(match[2]) if match else None
        if match is None or floor is None:
            raise SystemExit(f"no floor (>= or ==) in requirement {requirement!r}")
        pins[match[1].lower()] = floor[1]
    return [f"{name}=={version}" for name, version in sorted(pins.items())]


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    sys.stdout.write("\n".join(floors(root / "pyproject.toml")) + "\n")
