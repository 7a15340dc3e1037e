from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperatorsConfig(AppConfig):
    name = "haitao.operators"
    verbose_name = _("Operators, roles and audit log")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import admin_scope, roles

        # Every admin page, whoever registered it, is brand-scoped and audited (fail closed: a model
        # the scope table does not know shows nothing to a brand-scoped operator).
        admin_scope.scope_registered_admins()
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="haitao-operator-roles")
