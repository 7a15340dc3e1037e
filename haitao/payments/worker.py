"""The payments part of a worker pass: push the payment companies' customs declarations (报关) and
collect their results."""

from __future__ import annotations

from . import services


def payments_tick() -> dict[str, int]:
    return {"customs pushed": services.push_customs(), "customs results": services.poll_customs()}
