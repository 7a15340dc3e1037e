"""The merchant portal under /merchant/ (haitao/urls.py)."""

from django.urls import path

from . import views

app_name = "merchant"

urlpatterns = [
    path("", views.offers, name="offers"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("orders/", views.orders, name="orders"),
    path("orders/<str:number>/", views.order, name="order"),
    path("returns/", views.returns, name="returns"),
    path("settlements/", views.settlements, name="settlements"),
    path("settlements/<str:period>/", views.settlement, name="settlement"),
    path("settlements/<str:period>/statement.<str:fmt>", views.statement, name="statement"),
    path("tokens/", views.tokens, name="tokens"),
]
