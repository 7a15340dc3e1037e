"""Builders for the rules tests: orders written as short strings, so each test shows only its figures.

Session-scoped because they are pure functions; that also lets Hypothesis tests use them.
"""

from datetime import date
from decimal import Decimal

import pytest

from haitao.rules.tax import LineInput, OrderInput

TODAY = date(2026, 11, 25)


def _line(price="100.00", qty=1, vat="0.13", ct="0", tariff="0", sku="A"):
    return LineInput(sku, Decimal(price), qty, Decimal(vat), Decimal(ct), Decimal(tariff))


def _order(*lines, freight="0", insurance="0", discount="0", used="0", on=TODAY):
    return OrderInput(
        tuple(lines) or (_line(),), Decimal(freight), Decimal(insurance), Decimal(discount),
        Decimal(used), on=on,
    )


@pytest.fixture(scope="session")
def line():
    return _line


@pytest.fixture(scope="session")
def order():
    return _order
