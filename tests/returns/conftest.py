"""The returns tests reuse the declaration tests' shop, customs folders and paid orders."""

from __future__ import annotations

import pytest

from haitao.declarations.worker import default_simulator_config, worker_tick
from tests.declarations.conftest import cert_files, customs_env, place_and_pay, shop  # noqa: F401


def run_until(order, status: str, hold: bool = False, max_ticks: int = 8):
    """Worker passes (simulator in-process) until the order reaches ``status``; ``hold`` keeps its list
    accepted but unreleased (a paid, unreleased order)."""
    from dataclasses import replace

    passes = []
    for _ in range(max_ticks):
        sim = default_simulator_config()
        if hold:
            sim = replace(sim, hold_order_nos={order.number})
        passes.append(worker_tick(simulator_config=sim))
        order.refresh_from_db()
        if order.status == status:
            return passes
    raise AssertionError(f"order {order.number} stuck in {order.status}: {passes}")


@pytest.fixture
def tick():
    return run_until
