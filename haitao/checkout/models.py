"""Carts: per brand, owned by a customer or an anonymous session token."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Cart(models.Model):
    token = models.UUIDField(verbose_name=_("token"), default=uuid.uuid4, unique=True, editable=False)
    brand = models.ForeignKey("brands.Brand", verbose_name=_("brand"), on_delete=models.CASCADE, related_name="carts")
    customer = models.ForeignKey("accounts.Customer", verbose_name=_("customer"), null=True, blank=True,
                                 on_delete=models.CASCADE,
                                 related_name="carts")
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), auto_now=True)
    checked_out = models.BooleanField(verbose_name=_("checked out"), default=False)

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")
        ordering = ["-updated_at"]

    def __str__(self):
        return f"cart {self.token} ({self.brand.code})"


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, verbose_name=_("cart"), on_delete=models.CASCADE, related_name="lines")
    listing = models.ForeignKey("catalog.Listing", verbose_name=_("listing"), on_delete=models.CASCADE,
                                related_name="+")
    quantity = models.PositiveIntegerField(verbose_name=_("quantity"))

    class Meta:
        verbose_name = _("cart line")
        verbose_name_plural = _("cart lines")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "listing"], name="one_cart_line_per_listing"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="cart_line_quantity_positive"),
        ]
