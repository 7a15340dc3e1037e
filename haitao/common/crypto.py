"""Personal data at rest: Fernet encryption with rotatable keys, and the keyed hash of ID numbers."""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

from haitao.rules.identity import id_key


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(plain: str) -> str:
    return fernet().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:  # a key was dropped before `haitao rotate-keys` ran
        raise ValueError("cannot decrypt a personal-data field: no configured key fits") from exc


def rotate(token: str) -> str:
    """Re-encrypt under the current (first) key."""
    return fernet().rotate(token.encode()).decode()


def id_hash(id_number: str) -> str:
    """The keyed hash (rules.identity.id_key) under this deployment's key: keys the quota ledger,
    identities and the payer check without storing the number."""
    return id_key(id_number, settings.ID_HASH_KEY)


class EncryptedTextField(models.TextField):
    """Stores Fernet ciphertext; Python code sees the clear text. Not searchable by design."""

    def from_db_value(self, value, expression, connection):
        return None if value is None or value == "" else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)
