"""`./run demo` installs only the main dependencies: every CLI command must load without the test
extras (a benchmark module importing httpx once broke `haitao demo` on a fresh clone)."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BLOCK_AND_LOAD = """
import importlib.abc, sys
blocked = set(sys.argv[1].split(","))

class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            raise ImportError(f"{name} is a test extra, not installed by ./run demo")

sys.meta_path.insert(0, Blocker())
from haitao import cli
cli.parser()  # builds every subcommand, importing what each needs to start
import benchmarks.flashsale.load, benchmarks.flashsale.runner, benchmarks.consolidation.run  # noqa: E401
"""


def _test_extras() -> set[str]:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["test"]
    names = {spec.split(">")[0].split("=")[0].split("[")[0].strip().lower().replace("-", "_") for spec in extras}
    return names | {"_pytest"}  # module names: pytest-django → pytest_django


def test_the_cli_loads_without_the_test_extras():
    blocked = _test_extras()
    assert {"pytest", "httpx", "playwright", "hypothesis"} <= blocked
    done = subprocess.run([sys.executable, "-c", BLOCK_AND_LOAD, ",".join(sorted(blocked))], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
