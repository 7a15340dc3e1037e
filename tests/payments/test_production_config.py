"""Fail closed: `haitao serve`/`worker` refuse every missing or development secret, naming it; with real
ones the server starts; `haitao check` and Django's deploy checks are clean; the sandbox is gone."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from haitao.customs import generate_test_certificate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def production_env(tmp_path_factory):
    """Everything production needs, with freshly made (not published) values."""
    folder = tmp_path_factory.mktemp("prod")
    files = {}
    for name in ("customs", "alipay-app", "alipay", "wechat"):
        key, cert = generate_test_certificate(name)
        (folder / f"{name}-key.pem").write_bytes(key)
        (folder / f"{name}-cert.pem").write_bytes(cert)
        files[name] = (str(folder / f"{name}-key.pem"), str(folder / f"{name}-cert.pem"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("HAITAO_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update({
        "HAITAO_VAR_DIR": str(folder / "var"),
        "HAITAO_SECRET_KEY": "p" * 20 + os.urandom(24).hex(), "HAITAO_FIELD_KEYS": Fernet.generate_key().decode(),
        "HAITAO_ID_HASH_KEY": os.urandom(24).hex(),
        "HAITAO_CUSTOMS_KEY_FILE": files["customs"][0], "HAITAO_CUSTOMS_CERT_FILE": files["customs"][1],
        "HAITAO_PAYMENT_PROVIDERS": "alipay,wechatpay",
        "HAITAO_ALIPAY_APP_ID": "2021000000000001", "HAITAO_ALIPAY_PRIVATE_KEY_FILE": files["alipay-app"][0],
        "HAITAO_ALIPAY_PUBLIC_KEY_FILE": files["alipay"][1],
        "HAITAO_WECHATPAY_MCHID": "1900000109", "HAITAO_WECHATPAY_APPID": "wxd678efh567hg6787",
        "HAITAO_WECHATPAY_CERT_SERIAL": "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
        "HAITAO_WECHATPAY_PRIVATE_KEY_FILE": files["wechat"][0], "HAITAO_WECHATPAY_APIV3_KEY": os.urandom(16).hex(),
        "HAITAO_ALLOWED_HOSTS": "shop.example.com,127.0.0.1",
    })
    return env


def haitao(args, env, timeout=120):
    return subprocess.run([sys.executable, "-m", "haitao.cli", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("command", [["serve"], ["worker", "--once"]])
def test_a_fresh_install_refuses_to_start_and_names_every_secret(command, production_env, tmp_path):
    env = {k: v for k, v in production_env.items() if not k.startswith("HAITAO_")}
    env["HAITAO_VAR_DIR"] = str(tmp_path)
    result = haitao(command, env)
    assert result.returncode == 2
    for name in ("HAITAO_SECRET_KEY", "HAITAO_FIELD_KEYS", "HAITAO_ID_HASH_KEY", "HAITAO_CUSTOMS_KEY_FILE",
                 "HAITAO_CUSTOMS_CERT_FILE", "HAITAO_PAYMENT_PROVIDERS"):
        assert f"- {name}" in result.stderr, result.stderr


@pytest.mark.parametrize("name, value, says", [
    ("HAITAO_SECRET_KEY", "haitao-development-secret-do-not-use-in-production", "development value"),
    ("HAITAO_FIELD_KEYS", "x8ib0WOG4ZQc1V3c3Cg9L2m0X6vZ6oSxQxw2hIhWl2k=", "development value"),
    ("HAITAO_ID_HASH_KEY", "haitao-development-id-hash-key", "development value"),
    ("HAITAO_WECHATPAY_APIV3_KEY", "", "not 32 bytes"),
    ("HAITAO_ALIPAY_PUBLIC_KEY_FILE", "", "missing"),
    ("HAITAO_PAYMENT_SANDBOX", "1", "on"),
    ("HAITAO_CUSTOMS_SIMULATOR", "inprocess", "on"),
])
def test_any_single_development_value_or_missing_key_is_refused(name, value, says, production_env):
    env = {**production_env, name: value}
    result = haitao(["serve"], env)
    assert result.returncode == 2
    assert f"- {name}: " in result.stderr and says in result.stderr, result.stderr


def test_check_is_clean_with_real_secrets_including_djangos_deploy_checks(production_env):
    result = haitao(["check"], production_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ready for production" in result.stdout
    deploy = subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
                            env={**production_env, "DJANGO_SETTINGS_MODULE": "haitao.settings",
                                 "HAITAO_ENV": "production"}, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr


def test_check_lists_what_is_missing(production_env):
    result = haitao(["check"], {**production_env, "HAITAO_SECRET_KEY": "short", "HAITAO_SSL_REDIRECT": "false"})
    assert result.returncode == 1
    assert "HAITAO_SECRET_KEY: shorter than 50 characters" in result.stdout
    assert "security.W008" in result.stdout  # SECURE_SSL_REDIRECT off


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_server_starts_with_real_secrets_and_redirects_to_https(production_env, tmp_path):
    port = _free_port()
    log = open(tmp_path / "serve.log", "wb")  # a file, not a pipe nobody reads while it runs
    proc = subprocess.Popen([sys.executable, "-m", "haitao.cli", "serve", "--bind", f"127.0.0.1:{port}",
                             "--workers", "1"], env=production_env, cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline, answer = time.time() + 180, None
        while time.time() < deadline and answer is None:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/brands", headers={"Host": "127.0.0.1"})
            opener = urllib.request.build_opener(NoRedirect)
            try:
                answer = opener.open(req, timeout=5).status
            except urllib.error.HTTPError as exc:
                answer = exc.code
            except (urllib.error.URLError, OSError):  # not listening yet, or the worker still booting
                time.sleep(0.5)
        assert answer == 301  # SECURE_SSL_REDIRECT: plain HTTP is sent to HTTPS
        ok = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/brands",
                                    headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
        try:
            status = opener.open(ok, timeout=90).status
        except urllib.error.HTTPError as exc:
            status = exc.code
        assert status != 301  # behind the TLS proxy (its header trusted): served
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)
        log.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.django_db
def test_the_sandbox_is_unreachable_in_production(client, settings, place_and_pay):
    order = place_and_pay([("APT3", 1)])
    payment = order.payments.get()
    settings.PAYMENT_SANDBOX = False
    client.force_login(order.customer.user)
    assert client.get(f"/pay/sandbox/{payment.reference}/").status_code == 404
    resp = client.post("/api/v1/payments/sandbox/callback", data=b"{}", content_type="application/json")
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "unknown_provider"


def test_the_demo_makes_its_own_secrets_once(tmp_path, monkeypatch):
    from haitao.demo.secrets import demo_environment

    monkeypatch.setenv("HAITAO_VAR_DIR", str(tmp_path))
    for name in ("HAITAO_SECRET_KEY", "HAITAO_FIELD_KEYS", "HAITAO_ID_HASH_KEY", "HAITAO_PAYMENT_SANDBOX_SECRET",
                 "HAITAO_DEMO", "HAITAO_PAYMENT_SANDBOX", "HAITAO_CUSTOMS_SIMULATOR"):
        monkeypatch.delenv(name, raising=False)
    first, second = demo_environment(), demo_environment()
    assert first == second and first["HAITAO_PAYMENT_SANDBOX"] == "1"
    assert first["HAITAO_SECRET_KEY"] != "haitao-development-secret-do-not-use-in-production"
    assert first["HAITAO_ID_HASH_KEY"] != "haitao-development-id-hash-key"
    assert (tmp_path / "demo-secrets.json").stat().st_mode & 0o777 == 0o600
