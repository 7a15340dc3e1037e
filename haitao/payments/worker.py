"""The payments part of a worker pass: push the payment companies' customs declarations, collect
their results, and answer customs' requests for payment data (the local simulator's in the demo)."""

from __future__ import annotations

from . import services


def payments_tick() -> dict[str, int]:
    counts = {"customs pushed": services.push_customs(), "customs results": services.poll_customs()}
    from .customs_data import simulator_round

    counts.update(simulator_round())
    return counts
