"""Fixtures of the payment tests: the fake Alipay and WeChat Pay servers on free 127.0.0.1 ports, keys
for both sides, haitao configured for them, and a placed order (the declaration tests' shop)."""

from __future__ import annotations

import pytest

from pathlib import Path

from django.conf import settings as django_settings

from haitao.customs import CEB411, BaseTransfer, Payment, PaymentHead, build, generate_test_certificate
from haitao.customs.folder_transport import write_atomic
from haitao.declarations import config as customs_config
from haitao.orders import services as orders
from haitao.payments import crypto, wechatpay
from tests import factories as f
from tests.declarations.conftest import BUYER_ID, cert_files, consignee, customs_env, place_and_pay, shop  # noqa: F401

from .fake_alipay import FakeAlipay
from .fake_common import public_pem
from .fake_wechatpay import FakeWeChatPay

APIV3_KEY = b"0123456789abcdef0123456789ABCDEF"


@pytest.fixture(scope="session")
def keypairs():
    """(key PEM, certificate PEM) of each party: the app/merchant and each payment company."""
    return {name: generate_test_certificate(name) for name in
            ("alipay-app", "alipay", "wechat-merchant", "wechat-platform", "stranger")}


def payment_company_declares(pay_code: str, pay_name: str):
    """What a payment company does after a customs push: it sends customs its own CEB411 (here into
    the local customs' folder exchange, which the simulator reads)."""

    def send(transaction_id: str, order_no: str, payer: tuple[str, str], amount, pay_time: str) -> None:
        head = PaymentHead(payCode=pay_code, payName=pay_name, payTransactionId=transaction_id, orderNo=order_no,
                           ebpCode=django_settings.PLATFORM["ebp_code"], ebpName=django_settings.PLATFORM["ebp_name"],
                           payerIdNumber=payer[1], payerName=payer[0], amountPaid=amount, payTime=pay_time)
        msg = CEB411(payments=(Payment(head=head),),
                     base_transfer=BaseTransfer(copCode=pay_code, copName=pay_name, dxpId=f"DXPPAY{pay_code}"))
        outbox = Path(customs_config.outbox_dir())
        outbox.mkdir(parents=True, exist_ok=True)
        write_atomic(outbox / f"CEB411_{order_no}_{msg.guid}.xml", build(msg))

    return send


@pytest.fixture
def providers_on(settings):
    settings.PAYMENT_PROVIDERS = ["alipay", "wechatpay"]
    settings.PUBLIC_BASE_URL = "http://testserver"


@pytest.fixture
def alipay(keypairs, tmp_path, monkeypatch, providers_on):
    app_key, app_cert = keypairs["alipay-app"]
    ali_key, ali_cert = keypairs["alipay"]
    (tmp_path / "app-key.pem").write_bytes(app_key)
    (tmp_path / "alipay-public.pem").write_bytes(public_pem(ali_cert))
    with FakeAlipay("2021000000000001", public_pem(app_cert), ali_key,
                    declares=payment_company_declares("31222699S7", "支付宝（中国）网络技术有限公司")) as fake:
        monkeypatch.setenv("HAITAO_ALIPAY_APP_ID", fake.app_id)
        monkeypatch.setenv("HAITAO_ALIPAY_PRIVATE_KEY_FILE", str(tmp_path / "app-key.pem"))
        monkeypatch.setenv("HAITAO_ALIPAY_PUBLIC_KEY_FILE", str(tmp_path / "alipay-public.pem"))
        monkeypatch.setenv("HAITAO_ALIPAY_GATEWAY", fake.url + "/gateway.do")
        yield fake


@pytest.fixture
def wechat(keypairs, tmp_path, monkeypatch, providers_on):
    m_key, m_cert = keypairs["wechat-merchant"]
    p_key, p_cert = keypairs["wechat-platform"]
    (tmp_path / "merchant-key.pem").write_bytes(m_key)
    fake = FakeWeChatPay("1900000109", "wxd678efh567hg6787", m_cert, crypto.certificate_serial(m_cert),
                         p_key, p_cert, crypto.certificate_serial(p_cert), APIV3_KEY,
                         declares=payment_company_declares("4403169D3W", "财付通支付科技有限公司"))
    wechatpay._certs.clear()  # a new fake: new platform certificates to download
    with fake:
        monkeypatch.setenv("HAITAO_WECHATPAY_MCHID", fake.mchid)
        monkeypatch.setenv("HAITAO_WECHATPAY_APPID", fake.appid)
        monkeypatch.setenv("HAITAO_WECHATPAY_CERT_SERIAL", fake.merchant_serial)
        monkeypatch.setenv("HAITAO_WECHATPAY_PRIVATE_KEY_FILE", str(tmp_path / "merchant-key.pem"))
        monkeypatch.setenv("HAITAO_WECHATPAY_APIV3_KEY", APIV3_KEY.decode())
        monkeypatch.setenv("HAITAO_WECHATPAY_BASE_URL", fake.url)
        yield fake
    wechatpay._certs.clear()


@pytest.fixture
def place(shop):  # noqa: F811
    holder = f.customer()  # one account per ID number: the number is bound to the first account verified with it

    def make(items=(("APT3", 1),), buyer=None):
        order, _ = orders.place_order(buyer or holder, orders.PlaceOrder(
            brand=shop, items=list(items), consignee=consignee(), buyer_name="张三", buyer_id_number=BUYER_ID,
            risk_notice_accepted=True))
        return order

    return make
