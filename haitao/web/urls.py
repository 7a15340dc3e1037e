"""Storefront URLs (the storefront lands in the next commit)."""

app_name = "web"
urlpatterns = []
