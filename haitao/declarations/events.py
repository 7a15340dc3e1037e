"""What the declarations app tells other apps (published through haitao.common.events)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RequestAnswered:
    """Customs answered a cancellation (CEB623 → CEB624) or a return (CEB625 → CEB626) request.
    Published inside the receipt's transaction, with the order row locked."""

    order_id: int
    message_type: str  # "CEB623" | "CEB625"
    accepted: bool
    code: str = ""
    info: str = ""
