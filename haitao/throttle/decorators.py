"""`rate_limited`: one line on a view (Django's or the API's) puts it under a limit of settings.RATE_LIMITS."""

import functools

from .services import check, client_address


def _subject(request, by: str) -> str:
    if by == "user":
        user = getattr(request, "auth", None) or getattr(request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            return f"user:{user.pk}"
    return f"address:{client_address(request)}"


def rate_limited(name: str, by: str = "address", methods=("GET", "POST", "PUT", "PATCH", "DELETE"), when=None):
    """Count each request (of `methods`, and for which `when(request)` holds) per client address or,
    with by="user", per signed-in user; over the limit the view raises Throttled (429, Retry-After)."""
    def wrap(view):
        @functools.wraps(view)
        def limited(request, *args, **kwargs):
            if request.method in methods and (when is None or when(request)):
                check(name, _subject(request, by))
            return view(request, *args, **kwargs)
        return limited
    return wrap
