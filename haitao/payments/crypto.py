"""The primitives the payment companies' protocols are built on (one place, so each is reviewed once):

- SHA256withRSA (PKCS#1 v1.5): Alipay's "RSA2" and the WeChat Pay v3 request/response signatures;
- AES-256-GCM: WeChat Pay v3 notification resources and platform certificates (keyed by the APIv3 key);
- RSA-OAEP (SHA-1, as WeChat Pay v3 documents) for sensitive fields sent to WeChat Pay.
"""

from __future__ import annotations

import base64
from functools import lru_cache

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


class SignatureError(ValueError):
    """A signature or authenticated ciphertext that does not verify."""


@lru_cache(maxsize=16)
def private_key(pem: bytes):
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("an RSA private key is needed")
    return key


@lru_cache(maxsize=16)
def public_key(pem: bytes):
    """An RSA public key from a PEM public key or certificate."""
    key = (x509.load_pem_x509_certificate(pem).public_key() if b"CERTIFICATE" in pem
           else serialization.load_pem_public_key(pem))
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("an RSA public key is needed")
    return key


def rsa2_sign(key_pem: bytes, message: bytes) -> str:
    return base64.b64encode(private_key(key_pem).sign(message, padding.PKCS1v15(), hashes.SHA256())).decode()


def rsa2_verify(public_pem: bytes, message: bytes, signature_b64: str) -> None:
    try:
        signature = base64.b64decode(signature_b64, validate=True)
        public_key(public_pem).verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError, TypeError):
        raise SignatureError("signature does not verify") from None


def aes_gcm_decrypt(key: bytes, nonce: str, ciphertext_b64: str, associated_data: str) -> bytes:
    try:
        return AESGCM(key).decrypt(nonce.encode(), base64.b64decode(ciphertext_b64, validate=True),
                                   associated_data.encode() if associated_data else None)
    except (InvalidTag, ValueError, TypeError):
        raise SignatureError("ciphertext does not authenticate") from None


def aes_gcm_encrypt(key: bytes, nonce: str, plaintext: bytes, associated_data: str) -> str:
    return base64.b64encode(AESGCM(key).encrypt(nonce.encode(), plaintext, associated_data.encode() or None)).decode()


def oaep_encrypt(public_pem: bytes, plaintext: str) -> str:
    oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None)  # noqa: S303 - WeChat Pay's documented OAEP
    return base64.b64encode(public_key(public_pem).encrypt(plaintext.encode(), oaep)).decode()


def oaep_decrypt(key_pem: bytes, ciphertext_b64: str) -> str:
    oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None)  # noqa: S303 - WeChat Pay's documented OAEP
    return private_key(key_pem).decrypt(base64.b64decode(ciphertext_b64), oaep).decode()


def certificate_serial(cert_pem: bytes) -> str:
    return format(x509.load_pem_x509_certificate(cert_pem).serial_number, "X")
