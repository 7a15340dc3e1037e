"""The demo's throwaway secrets: generated once per install under var/ (never the values published in
the repository), plus the switches that only the demo turns on (sandbox payments, customs simulator).
No Django here: the environment must be complete before settings are read."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet

# Demo databases made before per-install keys were encrypted under the published development key:
# the demo keeps it as a second, decrypt-only key so they stay readable (production refuses it).
_OLD_DEMO_FIELD_KEY = "x8ib0WOG4ZQc1V3c3Cg9L2m0X6vZ6oSxQxw2hIhWl2k="


def _var_dir() -> Path:
    return Path(os.environ.get("HAITAO_VAR_DIR", Path.cwd() / "var")).resolve()


def demo_secrets(var_dir: Path | None = None) -> dict[str, str]:
    path = (var_dir or _var_dir()) / "demo-secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    values = {"HAITAO_SECRET_KEY": secrets.token_urlsafe(50),
              "HAITAO_FIELD_KEYS": f"{Fernet.generate_key().decode()},{_OLD_DEMO_FIELD_KEY}",
              "HAITAO_ID_HASH_KEY": secrets.token_urlsafe(32),
              "HAITAO_PAYMENT_SANDBOX_SECRET": secrets.token_urlsafe(32)}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(values, out)
    return values


def demo_environment() -> dict[str, str]:
    """What `haitao demo` adds to its environment (anything the operator set wins)."""
    env = {**demo_secrets(), "HAITAO_DEMO": "1", "HAITAO_PAYMENT_SANDBOX": "1",
           "HAITAO_CUSTOMS_SIMULATOR": "inprocess"}
    return {k: v for k, v in env.items() if not os.environ.get(k)}
