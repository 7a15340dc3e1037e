"""Bearer-token authentication for the API (tokens from POST /api/v1/auth/token)."""

from ninja.security import HttpBearer

from haitao.accounts.models import ApiToken
from haitao.accounts.services import customer_of
from haitao.common.errors import Forbidden


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = ApiToken.objects.authenticate(token)
        if found is None or not found.user.is_active:
            return None
        request.user = found.user
        return found.user


class OperatorAuth(TokenAuth):
    def authenticate(self, request, token):
        user = super().authenticate(request, token)
        if user is not None and not user.is_staff:
            raise Forbidden("operator_only", "This endpoint is for operators.")
        return user


def customer(request):
    return customer_of(request.auth)
