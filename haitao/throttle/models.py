"""Counters of the embedded rate-limit store (the demo and any deployment without Redis)."""

from django.db import models


class Counter(models.Model):
    """Hits of one limit key in its current window, or a lock (`lock:` keys) until `expires`."""

    key = models.CharField(max_length=80, primary_key=True, help_text="limit name and hashed subject")
    count = models.IntegerField(default=0)
    expires = models.BigIntegerField(help_text="end of the window, Unix seconds")

    class Meta:
        indexes = [models.Index(fields=["expires"], name="throttle_counter_expires")]

    def __str__(self):
        return f"{self.key}: {self.count}"
