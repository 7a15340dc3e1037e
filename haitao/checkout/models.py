"""Carts: per brand, owned by a customer or an anonymous session token."""

import uuid

from django.db import models
from django.db.models import Q


class Cart(models.Model):
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="carts")
    customer = models.ForeignKey("accounts.Customer", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="carts")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    checked_out = models.BooleanField(default=False)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self):
        return f"cart {self.token} ({self.brand.code})"


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    listing = models.ForeignKey("catalog.Listing", on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "listing"], name="one_cart_line_per_listing"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="cart_line_quantity_positive"),
        ]
