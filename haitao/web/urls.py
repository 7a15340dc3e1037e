"""Storefront URLs: shared account and payment pages, and every brand under /s/<brand_code>/."""

from django.urls import include, path

from .views import auth, cart, checkout, orders, pay, shop

app_name = "web"

brand_patterns = [
    path("", shop.home, name="home"),
    path("c/<slug:slug>/", shop.category, name="category"),
    path("search/", shop.search, name="search"),
    path("p/<str:sku_code>/", shop.product, name="product"),
    path("cart/", cart.cart_page, name="cart"),
    path("cart/add/", cart.cart_add, name="cart-add"),
    path("cart/update/", cart.cart_update, name="cart-update"),
    path("checkout/", checkout.checkout, name="checkout"),
    path("orders/<str:number>/", orders.order_page, name="order"),
    path("orders/<str:number>/pay/", orders.order_pay, name="order-pay"),
    path("orders/<str:number>/cancel/", orders.order_cancel, name="order-cancel"),
    path("orders/<str:number>/return/", orders.order_return, name="order-return"),
    path("account/", orders.account, name="account"),
]

urlpatterns = [
    path("", shop.landing, name="landing"),
    path("account/login/", auth.login_view, name="login"),
    path("account/register/", auth.register_view, name="register"),
    path("account/logout/", auth.logout_view, name="logout"),
    path("pay/sandbox/<str:reference>/", pay.sandbox_pay, name="sandbox-pay"),
    path("s/<slug:brand_code>/", include(brand_patterns)),
]
