"""The payments tests reuse the declaration tests' shop and paid orders (real order and payment services)."""

from tests.declarations.conftest import cert_files, customs_env, place_and_pay, shop  # noqa: F401
