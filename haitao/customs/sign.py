"""XML-DSig enveloped signature of CEB621/623/625 [Spec §6].

Layout (as in the official samples): ``ds:Signature`` is the last child of the root, with
C14N 1.0 (``REC-xml-c14n-20010315``) for SignedInfo, one ``Reference URI=""`` with the
enveloped-signature transform, and ``KeyInfo`` holding ``KeyName`` and ``X509Data/X509Certificate``.

Implemented directly with lxml C14N + cryptography rather than signxml, because signxml refuses
SHA-1, which is the only non-SM algorithm the spec allows.

Seam for the SM2/SM3 device: customs prefers ``…/2022/04/xmldsig#sm2-sm3`` with an SM3 digest, and
the key lives in a UKey/card. A device signer implements :class:`KeyDevice` (the two algorithm URIs,
its ``key_name``, ``certificate_der()``, ``digest()`` = SM3 and ``sign_value()`` = the device call)
and gets a :class:`Signer` from ``DeviceSigner(device)``; nothing else changes.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from lxml import etree

from .errors import SchemaError
from .formats import DS_NS
from .validate import parse_xml

C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1"
SM2_SM3 = "http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3"
SM3 = "http://www.chinaport.gov.cn/2022/04/xmldsig#sm3"


def _ds(name: str) -> str:
    return f"{{{DS_NS}}}{name}"


class Signer(Protocol):
    """Anything that turns an unsigned message into a signed one."""

    def sign(self, xml_bytes: bytes) -> bytes: ...


class KeyDevice(Protocol):
    """A key holder with its algorithms: software RSA here, an SM2 UKey in production."""

    signature_method: str
    digest_method: str
    key_name: str

    def certificate_der(self) -> bytes: ...

    def digest(self, data: bytes) -> bytes: ...

    def sign_value(self, canonical_signed_info: bytes) -> bytes: ...


def _c14n(node: etree._Element | etree._ElementTree) -> bytes:
    return etree.tostring(node, method="c14n", exclusive=False, with_comments=False)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _detach(sig: etree._Element) -> None:
    """Remove an element but keep its tail text, as the enveloped transform requires."""
    parent, tail = sig.getparent(), sig.tail or ""
    prev = sig.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(sig)


def sign_enveloped(xml_bytes: bytes, device: KeyDevice) -> bytes:
    """Append a fresh ``ds:Signature`` (replacing any) as the root's last child."""
    root = parse_xml(xml_bytes)
    for old in root.findall(_ds("Signature")):
        _detach(old)
    digest = device.digest(_c14n(root.getroottree()))
    sig = etree.SubElement(root, _ds("Signature"), nsmap={"ds": DS_NS})
    info = etree.SubElement(sig, _ds("SignedInfo"))
    etree.SubElement(info, _ds("CanonicalizationMethod"), Algorithm=C14N)
    etree.SubElement(info, _ds("SignatureMethod"), Algorithm=device.signature_method)
    ref = etree.SubElement(info, _ds("Reference"), URI="")
    etree.SubElement(etree.SubElement(ref, _ds("Transforms")), _ds("Transform"), Algorithm=ENVELOPED)
    etree.SubElement(ref, _ds("DigestMethod"), Algorithm=device.digest_method)
    etree.SubElement(ref, _ds("DigestValue")).text = _b64(digest)
    etree.SubElement(sig, _ds("SignatureValue")).text = _b64(device.sign_value(_c14n(info)))
    key_info = etree.SubElement(sig, _ds("KeyInfo"))
    etree.SubElement(key_info, _ds("KeyName")).text = device.key_name
    x509_data = etree.SubElement(key_info, _ds("X509Data"))
    etree.SubElement(x509_data, _ds("X509Certificate")).text = _b64(device.certificate_der())
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")


@dataclass(frozen=True)
class DeviceSigner:
    """Signer over any :class:`KeyDevice` (the SM2/SM3 seam)."""

    device: KeyDevice

    def sign(self, xml_bytes: bytes) -> bytes:
        return sign_enveloped(xml_bytes, self.device)


@dataclass(frozen=True)
class RsaSha1Signer:
    """The spec's "通用算法": RSA PKCS#1 v1.5 over SHA-1 with a software key (PEM)."""

    key_pem: bytes
    cert_pem: bytes
    key_name: str = "0001"
    signature_method: str = RSA_SHA1
    digest_method: str = SHA1

    @cached_property
    def _certificate_der(self) -> bytes:
        return x509.load_pem_x509_certificate(self.cert_pem).public_bytes(serialization.Encoding.DER)

    @cached_property
    def _key(self) -> rsa.RSAPrivateKey:
        """The private key, parsed once per signer (loading a PEM key costs more than a signature)."""
        key = serialization.load_pem_private_key(self.key_pem, password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise TypeError("RsaSha1Signer needs an RSA private key")
        return key

    def certificate_der(self) -> bytes:
        return self._certificate_der

    def digest(self, data: bytes) -> bytes:
        return hashlib.sha1(data).digest()  # noqa: S324 - mandated by the customs spec

    def sign_value(self, canonical_signed_info: bytes) -> bytes:
        return self._key.sign(canonical_signed_info, padding.PKCS1v15(), hashes.SHA1())  # noqa: S303 - RSA-SHA1 is what the customs spec mandates

    def sign(self, xml_bytes: bytes) -> bytes:
        return sign_enveloped(xml_bytes, self)


def verify(xml_bytes: bytes, cert_pem: bytes) -> bool:
    """True iff the RSA-SHA1 enveloped signature is intact and made with ``cert_pem``'s key.

    The trusted certificate is the argument, never the one embedded in KeyInfo (which only has
    to be the same certificate). SM2/SM3 signatures return False: verify those on the device.
    """
    try:
        root = parse_xml(xml_bytes)
    except SchemaError:
        return False
    sigs = root.findall(_ds("Signature"))
    if len(sigs) != 1:
        return False
    sig = sigs[0]
    info = sig.find(_ds("SignedInfo"))
    ref = info.find(_ds("Reference")) if info is not None else None
    if ref is None or ref.get("URI") != "" or not _algorithms_ok(info, ref):
        return False
    cert = x509.load_pem_x509_certificate(cert_pem)
    embedded = sig.findtext(f"{_ds('KeyInfo')}/{_ds('X509Data')}/{_ds('X509Certificate')}")
    try:
        if embedded is not None and base64.b64decode(embedded) != cert.public_bytes(serialization.Encoding.DER):
            return False
        value = base64.b64decode(sig.findtext(_ds("SignatureValue")) or "")
        cert.public_key().verify(value, _c14n(info), padding.PKCS1v15(), hashes.SHA1())  # noqa: S303 - the spec
        expected = base64.b64decode(ref.findtext(_ds("DigestValue")) or "")
    except (InvalidSignature, ValueError, TypeError):
        return False
    _detach(sig)
    return hashlib.sha1(_c14n(root.getroottree())).digest() == expected  # noqa: S324


def _algorithms_ok(info: etree._Element, ref: etree._Element) -> bool:
    transforms = [t.get("Algorithm") for t in ref.iter(_ds("Transform"))]
    return (
        info.find(_ds("CanonicalizationMethod")).get("Algorithm") == C14N
        and info.find(_ds("SignatureMethod")).get("Algorithm") == RSA_SHA1
        and ref.find(_ds("DigestMethod")).get("Algorithm") == SHA1
        and transforms == [ENVELOPED]
    )


def generate_test_certificate(common_name: str = "haitao customs test", key_size: int = 2048) -> tuple[bytes, bytes]:
    """(key_pem, cert_pem) of a fresh self-signed RSA certificate, for tests and the demo only."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)
