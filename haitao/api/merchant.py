"""/api/v1/merchant/…: the merchant portal as an API, with merchant tokens (hm_…) only.

A buyer's or operator's token is unknown here (401), as a merchant token is unknown to the shop API;
a token whose user, membership or role is no longer valid is refused (403). Every answer is cut to
the token's merchant by marketplace.portal; another merchant's order or settlement is 404."""

from django.contrib.auth import authenticate
from django.http import HttpResponse
from ninja import Router, Schema
from ninja.security import HttpBearer

from haitao.common.errors import Forbidden, NotFound
from haitao.marketplace import portal, services

from . import schemas as s
from .app import api

ERRORS = {400: s.ErrorOut, 401: s.ErrorOut, 403: s.ErrorOut, 404: s.ErrorOut, 422: s.ErrorOut, 429: s.ErrorOut}


class MerchantTokenAuth(HttpBearer):
    def authenticate(self, request, token):
        member = services.token_member(token)
        if member is None:
            return None
        member = services.portal_member(member.user)  # inactive user or membership, unknown role: 403
        request.merchant_member = member
        return member


class Credentials(Schema):
    username: str
    password: str
    name: str = "api"


class TokenOut(Schema):
    token: str
    merchant: str
    role: str


auth_router = Router(tags=["merchant portal"])
router = Router(tags=["merchant portal"], auth=MerchantTokenAuth())


def _member(request, area: str):
    member = request.auth
    services.require_area(member, area)
    return member


@auth_router.post("/token", response={200: TokenOut, **ERRORS})
def merchant_token(request, payload: Credentials):
    """A merchant token for a merchant portal login (operators and buyers are refused)."""
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        raise Forbidden("bad_credentials", "Wrong username or password.")
    member = services.portal_member(user)
    services.require_area(member, "tokens")
    return {"token": services.issue_token(member, payload.name), "merchant": member.merchant.code,
            "role": member.role}


@router.get("/offers", response={200: list[dict], **ERRORS})
def offers(request):
    return portal.offers(_member(request, "offers").merchant)


@router.get("/orders", response={200: list[dict], **ERRORS})
def orders(request):
    return portal.orders(_member(request, "orders").merchant)


@router.get("/orders/{number}", response={200: dict, **ERRORS})
def order(request, number: str):
    return portal.order(_member(request, "orders").merchant, number)


@router.get("/returns", response={200: list[dict], **ERRORS})
def returns(request):
    return portal.returns(_member(request, "returns").merchant)


@router.get("/settlements", response={200: list[dict], **ERRORS})
def settlements(request):
    return portal.settlements(_member(request, "settlements").merchant)


@router.get("/settlements/{period}", response={200: dict, **ERRORS})
def settlement(request, period: str):
    return portal.settlement(_member(request, "settlements").merchant, period)


@router.get("/settlements/{period}/statement/{fmt}", response={200: None, **ERRORS})
def statement(request, period: str, fmt: str):
    """The statement as ``csv`` or ``pdf``."""
    from haitao.marketplace.statement import to_csv
    from haitao.marketplace.statement_pdf import to_pdf

    member = _member(request, "settlements")
    if fmt not in ("csv", "pdf"):
        raise NotFound("unknown_format", "The statement comes as csv or pdf.", field="fmt")
    row = portal.settlement_of(member.merchant, period)
    body, kind = (to_csv(row), "text/csv; charset=utf-8") if fmt == "csv" else (to_pdf(row), "application/pdf")
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="ST-{member.merchant.code}-{row.period}.{fmt}"'
    return response


api.add_router("/v1/merchant/auth", auth_router)
api.add_router("/v1/merchant", router)
