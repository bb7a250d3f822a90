"""Run a file of Node tests (``node --test``) from a pytest test: the browser scripts' logic is
checked against Python's on shared data that the pytest side writes and names in ``env``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_node_tests(js_test: Path, env: dict[str, str], what: str) -> str:
    """The output of ``node --test js_test`` (which must exit 0). Without ``node`` on PATH the
    test fails under CI and skips locally, saying ``what`` was not checked."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail(f"node is not on PATH; {what} cannot be checked in CI")
        pytest.skip(f"node is not on PATH: {what} was not checked")
    completed = subprocess.run(
        [node, "--test", str(js_test.relative_to(ROOT))],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, f"node --test failed:\n{output}"
    return output
