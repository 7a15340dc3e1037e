"""The events payments publishes. They are defined in :mod:`haitao.common.domain_events` (so that
apps payments depends on, like orders, can subscribe without an import cycle) and named here too."""

from haitao.common.domain_events import PaymentRefunded, PaymentSucceeded

__all__ = ["PaymentRefunded", "PaymentSucceeded"]
