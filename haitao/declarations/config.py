"""Where declarations go and who sends them: folders, senders' customs codes, the signing key.

Everything is read from the environment when used (12-factor; tests point the folders at tmp dirs):

- ``HAITAO_CUSTOMS_OUTBOX`` / ``HAITAO_CUSTOMS_INBOX``: the folder exchange (default
  ``VAR_DIR/customs/outbox`` and ``…/inbox``).
- ``HAITAO_CUSTOMS_SIMULATOR``: ``inprocess`` (the worker runs the local customs over the folders)
  or ``off`` (the default): switched on explicitly (`haitao demo` does), never inferred.
- ``HAITAO_CUSTOMS_KEY_FILE`` / ``HAITAO_CUSTOMS_CERT_FILE``: PEM key and certificate for CEB621;
  absent, a test certificate is generated once under ``VAR_DIR/customs/signing/``.
- ``HAITAO_CUSTOMS_DXP_ID``, ``HAITAO_CARRIER_CODE``/``_NAME``/``_TRAF_NO``: the platform's
  exchange id and the built-in carrier.
"""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from haitao.customs import RsaSha1Signer, generate_test_certificate
from haitao.customs.folder_transport import write_atomic


@dataclass(frozen=True)
class Party:
    """A sender of customs messages: its customs code, name and data-exchange id."""

    code: str
    name: str
    dxp_id: str


@dataclass(frozen=True)
class Carrier(Party):
    """The built-in carrier; 9610 parcels fly on its consolidated flight (trafNo/voyageNo/billNo)."""

    traf_mode_1210: str = "Y"  # second-line exit from the bonded zone
    traf_mode_9610: str = "5"  # air
    traf_no: str = "HT9610"


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def customs_dir() -> Path:
    return Path(settings.VAR_DIR) / "customs"


def outbox_dir() -> Path:
    return Path(_env("HAITAO_CUSTOMS_OUTBOX", str(customs_dir() / "outbox")))


def inbox_dir() -> Path:
    return Path(_env("HAITAO_CUSTOMS_INBOX", str(customs_dir() / "inbox")))


def simulator_state_file() -> Path:
    return Path(_env("HAITAO_CUSTOMS_SIMULATOR_STATE", str(outbox_dir().parent / "simulator-state.json")))


def simulator_payment_data_file() -> Path:
    """The last declaration the simulator looked at for customs' payment-data sample (payment_data)."""
    return simulator_state_file().with_name("simulator-payment-data-seen")


def simulator_mode() -> str:
    mode = _env("HAITAO_CUSTOMS_SIMULATOR", "off").strip().lower()
    return "inprocess" if mode in {"inprocess", "1", "on", "true"} else "off"


def platform() -> Party:
    code = settings.PLATFORM["ebp_code"]
    return Party(code, settings.PLATFORM["ebp_name"], _env("HAITAO_CUSTOMS_DXP_ID", f"DXPENT{code}"))


def carrier() -> Carrier:
    code = _env("HAITAO_CARRIER_CODE", "3301980HTX")
    return Carrier(code, _env("HAITAO_CARRIER_NAME", "海淘国际速运"), f"DXPLOG{code}",
                   traf_no=_env("HAITAO_CARRIER_TRAF_NO", "HT9610"))


# Payment providers whose CEB411 haitao sends on their behalf (the sandbox has no customs link of its
# own); any other provider declares its payments itself and its 411 is recorded as external.
def payment_sender(provider_code: str) -> Party | None:
    from haitao.payments.providers import known

    prov = known(provider_code)
    if prov is None or getattr(prov, "declares_customs", True):
        return None
    return Party(prov.pay_code, prov.name, f"DXPPAY{prov.pay_code}")


# --- signing ----------------------------------------------------------------------------------


def _key_and_cert_paths() -> tuple[Path, Path]:
    key, cert = os.environ.get("HAITAO_CUSTOMS_KEY_FILE"), os.environ.get("HAITAO_CUSTOMS_CERT_FILE")
    if key and cert:
        return Path(key), Path(cert)
    if key or cert:
        raise RuntimeError("set both HAITAO_CUSTOMS_KEY_FILE and HAITAO_CUSTOMS_CERT_FILE, or neither")
    folder = customs_dir() / "signing"
    return folder / "key.pem", folder / "cert.pem"


def _ensure_test_certificate(key_path: Path, cert_path: Path) -> None:
    """Generate the demo certificate once, under a lock so concurrent workers agree on one key."""
    key_path.parent.mkdir(parents=True, exist_ok=True)
    with open(key_path.parent / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if key_path.exists() and cert_path.exists():
            return
        key_pem, cert_pem = generate_test_certificate("haitao demo customs signer")
        write_atomic(key_path, key_pem)
        os.chmod(key_path, 0o600)
        write_atomic(cert_path, cert_pem)


@lru_cache(maxsize=4)
def _signer_for(key_path: Path, cert_path: Path) -> RsaSha1Signer:
    return RsaSha1Signer(key_path.read_bytes(), cert_path.read_bytes(), key_name="haitao")


def signer() -> RsaSha1Signer:
    key_path, cert_path = _key_and_cert_paths()
    if "HAITAO_CUSTOMS_KEY_FILE" not in os.environ:
        _ensure_test_certificate(key_path, cert_path)
    return _signer_for(key_path, cert_path)
