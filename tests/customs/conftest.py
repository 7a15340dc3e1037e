"""Fixtures of the customs tests (no Django, no database)."""

from __future__ import annotations

import pytest

from haitao.customs import BaseTransfer, RsaSha1Signer, generate_test_certificate

from .factories import Documents, make_order


@pytest.fixture(scope="session")
def cert_pair() -> tuple[bytes, bytes]:
    return generate_test_certificate()


@pytest.fixture(scope="session")
def signer(cert_pair) -> RsaSha1Signer:
    key_pem, cert_pem = cert_pair
    return RsaSha1Signer(key_pem, cert_pem, key_name="0001")


@pytest.fixture
def transfer() -> BaseTransfer:
    return BaseTransfer(copCode="3301960ABC", copName="海淘测试平台", dxpId="DXPENT0000000001")


@pytest.fixture
def docs(transfer) -> Documents:
    return Documents(transfer, make_order())


@pytest.fixture
def make_docs(transfer):
    return lambda order: Documents(transfer, order)
