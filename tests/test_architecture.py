"""The layout is the architecture: lower layers never pull in the ones above them.

import-linter (``make test``) checks the static imports; this checks what a fresh interpreter
really loads, lazy imports included.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# module -> packages it must never load
LOWER_LAYERS = {
    "checker.findings": ("checker.yaml", "checker.schema", "checker.model", "checker.rules"),
    "checker.yaml.loader": ("checker.rules", "checker.site", "checker.diff", "checker.cli"),
    "checker.schema.validation": ("checker.rules", "checker.site", "checker.diff", "checker.cli"),
    "checker.model.builder": ("checker.rules", "checker.pipeline", "checker.site", "checker.diff"),
    "checker.deadlines.timeline": ("checker.rules", "checker.pipeline", "checker.site"),
    "checker.rules": ("checker.pipeline", "checker.site", "checker.diff", "checker.cli"),
    "checker.pipeline.engine": ("checker.site", "checker.diff", "checker.cli", "mkdocs"),
    "checker.reporters": ("checker.yaml", "checker.model", "checker.rules", "checker.cli"),
}


def loaded_modules(module: str) -> list[str]:
    code = f"import json, sys\nimport {module}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("module", sorted(LOWER_LAYERS))
def test_a_layer_loads_nothing_above_it(module: str) -> None:
    loaded = loaded_modules(module)
    assert module in loaded
    above = [
        name
        for name in loaded
        if any(name == p or name.startswith(p + ".") for p in LOWER_LAYERS[module])
    ]
    assert above == [], f"importing {module} loads {above}"


def test_the_check_command_does_not_load_the_site_or_mkdocs() -> None:
    loaded = loaded_modules("checker.cli")
    assert not [n for n in loaded if n.startswith(("checker.site", "mkdocs", "material"))]


def test_at_most_six_modules_at_the_root_of_the_package() -> None:
    root_modules = sorted(p.name for p in (ROOT / "checker").glob("*.py"))
    assert len(root_modules) <= 6, root_modules
