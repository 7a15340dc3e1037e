from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    """The Celery triggers, as an app so that their event handlers are registered in every process
    (the web process enqueues a paid order's delivery too)."""

    name = "haitao.tasks"
    verbose_name = _("Background jobs")

    def ready(self):
        from haitao.common import domain_events as ev
        from haitao.common.events import subscribe

        from . import declare_soon, deliver_soon

        subscribe(ev.OrderPaid)(declare_soon)
        subscribe(ev.OrderDeclared)(deliver_soon)
