"""The rules are plain Python: importing them must not import Django (nor need settings)."""

import pathlib
import re
import subprocess
import sys

import haitao.rules

RULES_DIR = pathlib.Path(haitao.rules.__file__).parent
DJANGO_IMPORT = re.compile(r"^\s*(import|from)\s+django", re.MULTILINE)


def test_importing_the_rules_and_the_cli_does_not_import_django():
    code = "import sys, haitao.rules, haitao.tax_cli; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_no_rules_module_imports_django_or_makes_floats():
    for path in RULES_DIR.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not DJANGO_IMPORT.search(source), path
        assert "float(" not in source, path
