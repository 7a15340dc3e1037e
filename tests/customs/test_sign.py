"""Enveloped RSA-SHA1 signature: XSD-valid, verifiable, tamper-evident, interoperable."""

from __future__ import annotations

from lxml import etree

from haitao.customs import build, generate_test_certificate, parse, validate, verify
from haitao.customs.formats import DS_NS
from haitao.customs.sign import C14N, RSA_SHA1, SHA1


def test_signed_list_validates_and_verifies(docs, signer, cert_pair):
    xml = build(docs.ceb621(), signer)
    validate(xml)
    assert verify(xml, cert_pair[1])
    root = etree.fromstring(xml)
    sig = root[-1]
    assert sig.tag == f"{{{DS_NS}}}Signature"  # last child, where the XSD puts it
    ns = {"ds": DS_NS}
    assert sig.find("ds:SignedInfo/ds:CanonicalizationMethod", ns).get("Algorithm") == C14N
    assert sig.find("ds:SignedInfo/ds:SignatureMethod", ns).get("Algorithm") == RSA_SHA1
    assert sig.find("ds:SignedInfo/ds:Reference/ds:DigestMethod", ns).get("Algorithm") == SHA1
    assert sig.findtext("ds:KeyInfo/ds:KeyName", namespaces=ns) == "0001"
    assert sig.findtext("ds:KeyInfo/ds:X509Data/ds:X509Certificate", namespaces=ns)


def test_tampered_message_fails_verification(docs, signer, cert_pair):
    xml = build(docs.ceb621(), signer)
    tampered = xml.replace(b"<ceb:totalPrice>400.00<", b"<ceb:totalPrice>40.00<")
    assert tampered != xml
    validate(tampered)  # still schema-valid: only the signature can tell
    assert not verify(tampered, cert_pair[1])


def test_other_certificate_or_missing_signature_fails(docs, signer):
    xml = build(docs.ceb621(), signer)
    _, other_cert = generate_test_certificate("someone else")
    assert not verify(xml, other_cert)
    assert not verify(build(docs.ceb311()), other_cert)


def test_official_sm2_sample_is_not_claimed_verified(cert_pair):
    from .factories import SAMPLES
    assert not verify((SAMPLES / "CEB621.xml").read_bytes(), cert_pair[1])


def test_resigning_replaces_the_old_signature(docs, signer, cert_pair):
    once = build(docs.ceb621(), signer)
    twice = build(parse(once), signer)
    assert twice.count(b"</ds:Signature>") == 1 and verify(twice, cert_pair[1])


def test_signxml_verifies_our_signature(docs, signer, cert_pair):
    """Interop: an independent XML-DSig implementation accepts the signature."""
    from signxml import DigestAlgorithm, SignatureConfiguration, SignatureMethod, XMLVerifier

    config = SignatureConfiguration(signature_methods=frozenset({SignatureMethod.RSA_SHA1}),
                                    digest_algorithms=frozenset({DigestAlgorithm.SHA1}))
    result = XMLVerifier().verify(build(docs.ceb621(), signer), x509_cert=cert_pair[1].decode(), expect_config=config)
    assert result.signed_xml is not None
