from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReturnsConfig(AppConfig):
    name = "haitao.returns"
    verbose_name = _("Cancellations and returns")

    def ready(self):
        from haitao.common.events import subscribe
        from haitao.common.domain_events import RequestAnswered

        from . import services

        # In the receipt's transaction: the refund, quota and stock move with the receipt record, or not at all.
        subscribe(RequestAnswered, in_transaction=True)(services.on_request_answered)
