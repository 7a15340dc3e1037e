"""Domain events between apps: the message bus of *Cosmic Python* (``service_layer/messagebus.py``)
with Saleor's ``on_commit`` side effects.

The events are frozen dataclasses in :mod:`haitao.common.domain_events` (each section names the app
that publishes it; an app may re-export its own, as ``haitao.payments.events`` does). They live there,
not in the producing app, because the reactions run both ways along the apps' dependencies (payments
depends on orders, yet orders reacts to a refund): a module that imports nothing of haitao can be
imported by every app without an import cycle. A producer publishes from its service and never
imports the apps that react; a reacting app registers its handlers in its ``AppConfig.ready()`` with
:func:`subscribe`. docs/architecture.md has the table of events, producers and handlers.

Two kinds of handler, chosen by the consumer at registration:

- ``in_transaction=True``: runs at publish time, inside the producer's transaction, so its writes
  commit or roll back with the producer's (the customs outbox rows are written with the payment —
  the transactional outbox must stay atomic). An exception aborts the producer's transaction.
- default (after commit): runs once the outermost transaction has committed, and never for one that
  rolled back. The producer's work is already durable then, so a failing handler is logged and does
  not undo it — such a reaction must be one that a periodic sweep can redo (every after-commit
  reaction in haitao is a *trigger* whose record of truth is in the database). With
  :data:`STRICT` set (the test suite sets it), the exception propagates so that a test fails loudly.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from functools import partial

from django.db import transaction

logger = logging.getLogger(__name__)

Handler = Callable[[object], None]

#: When true, an after-commit handler's exception propagates (tests), instead of being logged.
STRICT = False

_handlers: dict[type, list[tuple[Handler, bool]]] = defaultdict(list)


def subscribe(event_type: type, *, in_transaction: bool = False) -> Callable[[Handler], Handler]:
    """Register the decorated function for ``event_type``. Registering the same function twice (an
    app's ``ready()`` running again in tests) keeps one registration."""

    def register(handler: Handler) -> Handler:
        entry = (handler, in_transaction)
        if entry not in _handlers[event_type]:
            _handlers[event_type].append(entry)
        return handler

    return register


def unsubscribe(event_type: type, handler: Handler) -> None:
    _handlers[event_type] = [entry for entry in _handlers[event_type] if entry[0] is not handler]


def handlers_of(event_type: type) -> list[tuple[Handler, bool]]:
    """The registered (handler, in_transaction) pairs, in registration order (for docs and tests)."""
    return list(_handlers.get(event_type, ()))


def publish(event: object, using: str | None = None) -> None:
    """Run the in-transaction handlers now and schedule the others for after the commit.

    Outside any transaction (autocommit), ``on_commit`` runs the after-commit handlers at once."""
    for handler, in_transaction in handlers_of(type(event)):
        if in_transaction:
            handler(event)
        else:
            transaction.on_commit(partial(_after_commit, handler, event), using=using)


def _after_commit(handler: Handler, event: object) -> None:
    try:
        handler(event)
    except Exception:
        if STRICT:
            raise
        logger.exception("event handler %s.%s failed for %r", handler.__module__, handler.__qualname__, event)
