import pytest


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    """These tests sign in many times: what counts is whether a password is hashed, not how slowly."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
