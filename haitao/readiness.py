"""What production still lacks: secrets missing or still at a development value, test switches on.

`haitao serve` and `haitao worker` refuse to start while :func:`problems` is not empty (outside the
demo), naming each; `haitao check` lists them. The development values are published in the
repository, so a server running on them would accept forged sessions and payment callbacks.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings


def _secret(name: str, value: str, dev_value: str, min_length: int) -> list[str]:
    if name not in os.environ or not value:
        return [f"{name}: missing"]
    if value == dev_value:
        return [f"{name}: development value"]
    if len(value) < min_length:
        return [f"{name}: shorter than {min_length} characters"]
    return []


def _field_keys() -> list[str]:
    from cryptography.fernet import Fernet

    if "HAITAO_FIELD_KEYS" not in os.environ:
        return ["HAITAO_FIELD_KEYS: missing"]
    if settings.DEV_FIELD_KEY in settings.FIELD_ENCRYPTION_KEYS[:1]:
        return ["HAITAO_FIELD_KEYS: development value (the first key encrypts)"]
    for key in settings.FIELD_ENCRYPTION_KEYS:
        try:
            Fernet(key)
        except ValueError:
            return ["HAITAO_FIELD_KEYS: a key is not a Fernet key"]
    return []


def _customs_signing() -> list[str]:
    key, cert = os.environ.get("HAITAO_CUSTOMS_KEY_FILE", ""), os.environ.get("HAITAO_CUSTOMS_CERT_FILE", "")
    problems = [f"{name}: missing" for name, value in (("HAITAO_CUSTOMS_KEY_FILE", key),
                                                       ("HAITAO_CUSTOMS_CERT_FILE", cert)) if not value]
    generated = Path(settings.VAR_DIR) / "customs" / "signing"
    for name, value in (("HAITAO_CUSTOMS_KEY_FILE", key), ("HAITAO_CUSTOMS_CERT_FILE", cert)):
        if value and not Path(value).is_file():
            problems.append(f"{name}: no such file")
        elif value and Path(value).resolve().parent == generated.resolve():
            problems.append(f"{name}: the demo's self-generated test certificate")
    return problems


def problems() -> list[str]:
    """Every reason this configuration must not take real orders, one line each."""
    from haitao.payments.providers import SandboxProvider, known, unknown_configured

    out = _secret("HAITAO_SECRET_KEY", settings.SECRET_KEY, settings.DEV_SECRET, 50)
    out += _field_keys()
    out += _secret("HAITAO_ID_HASH_KEY", settings.ID_HASH_KEY.decode(), settings.DEV_ID_HASH_KEY, 32)
    out += _customs_signing()
    if settings.DEBUG:
        out.append("HAITAO_DEBUG: on (debug pages show settings and data)")
    if settings.PAYMENT_SANDBOX:
        out.append("HAITAO_PAYMENT_SANDBOX: on (its pay page marks orders paid with no money moved)")
    simulator = os.environ.get("HAITAO_CUSTOMS_SIMULATOR", "off").strip().lower()
    if simulator not in {"", "off", "0", "false", "no"}:
        out.append("HAITAO_CUSTOMS_SIMULATOR: on (a local stand-in answers for customs)")
    if not settings.PAYMENT_PROVIDERS:
        out.append("HAITAO_PAYMENT_PROVIDERS: no payment provider configured (alipay, wechatpay)")
    out += [f"HAITAO_PAYMENT_PROVIDERS: unknown provider '{code}'" for code in unknown_configured()]
    for code in settings.PAYMENT_PROVIDERS:
        prov = known(code)
        if prov is not None and not isinstance(prov, SandboxProvider):
            out += prov.config_problems()
    return out


def deploy_warnings() -> list[str]:
    """Django's own `check --deploy` findings (HSTS, SSL redirect, secure cookies, …)."""
    from django.core import checks

    return [f"{m.id}: {m.msg.splitlines()[0]}" for m in checks.run_checks(include_deployment_checks=True)
            if m.level >= checks.WARNING]
