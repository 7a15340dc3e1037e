"""Sign-in with back-off, for every way in (API token, storefront, admin): they all call
`django.contrib.auth.authenticate`, which asks this backend.

A locked-out account or address is refused (Throttled → 429) before the password is hashed, so
guessing cannot be used to burn the server's CPU on password hashing."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from haitao.throttle import services as throttle


class ThrottledBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        account, address = str(username).strip().lower(), throttle.client_address(request)
        throttle.before_login(account, address)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            throttle.login_failed(account, address)
        else:
            throttle.login_succeeded(account)
        return user
