"""Counters of the embedded rate-limit store (the demo and any deployment without Redis)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Counter(models.Model):
    """Hits of one limit key in its current window, or a lock (`lock:` keys) until `expires`."""

    key = models.CharField(_("limit key"), max_length=80, primary_key=True, help_text=_("limit name and hashed subject"))
    count = models.IntegerField(_("hits"), default=0)
    expires = models.BigIntegerField(_("expires"), help_text=_("end of the window, Unix seconds"))

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")
        indexes = [models.Index(fields=["expires"], name="throttle_counter_expires")]

    def __str__(self):
        return f"{self.key}: {self.count}"
