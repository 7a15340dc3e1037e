"""A consolidated brand comes up private and readable: buyers see it only after an operator activates it."""

from __future__ import annotations

import json

import pytest

from haitao.brands import services as brands
from haitao.brands.models import Brand
from haitao.brands.theme import contrast
from haitao.cli import main as haitao
from haitao.common.errors import NotFound
from haitao.consolidation import services

from .conftest import SAMPLE

pytestmark = pytest.mark.django_db


def test_consolidated_brand_waits_for_activation_then_opens(demo_db, client, tmp_path, capsys):
    report = services.consolidate(SAMPLE, "kiwi", report_dir=tmp_path / "r")
    kiwi = Brand.objects.get(code="kiwi")
    assert not kiwi.active and kiwi.activated_at is None
    assert set(Brand.objects.filter(active=True).values_list("code", flat=True)) == {"dolphin", "wombat"}
    # private: the storefront 404s and the API does not list it
    assert client.get("/s/kiwi/").status_code == 404
    assert "kiwi" not in [b["code"] for b in client.get("/api/v1/brands").json()]
    assert client.get("/api/v1/brands/kiwi").status_code == 404
    # the report says so, in both files
    assert report["brand_status"] == {"code": "kiwi", "created": True, "active": False, "awaits_activation": True,
                                      "activate": "haitao brand activate kiwi"}
    on_disk = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    assert on_disk["brand_status"]["awaits_activation"] is True
    assert "awaits activation" in (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    # readable: the colours it was given render at WCAG >= 4.5 everywhere
    assert all(ratio >= 4.5 for *_, ratio in brands.brand_contrast(kiwi))
    assert contrast(kiwi.accent_color, "#ffffff") >= 4.5
    # an operator activates it
    assert haitao(["brand", "activate", "kiwi", "--actor", "ops1"]) == 0
    assert "brand kiwi (Kiwi Import) is active" in capsys.readouterr().out
    kiwi.refresh_from_db()
    assert kiwi.active and kiwi.activated_by == "cli:ops1" and kiwi.activated_at is not None
    page = client.get("/s/kiwi/")
    assert page.status_code == 200
    assert f"--accent: {kiwi.accent_color}" in page.content.decode() and "--on-accent: #ffffff" in page.content.decode()
    assert "kiwi" in [b["code"] for b in client.get("/api/v1/brands").json()]
    # a re-run of the folder keeps the operator's decision
    again = services.consolidate(SAMPLE, "kiwi")
    assert again["brand_status"]["awaits_activation"] is False and Brand.objects.get(code="kiwi").active


def test_activation_refuses_unknown_brands_and_unreadable_colours(db, capsys):
    assert haitao(["brand", "activate", "nope"]) == 2
    assert "No brand with code 'nope'" in capsys.readouterr().err
    with pytest.raises(NotFound):
        brands.activate_brand("", actor="t")
    b = brands.create_brand("pale", name="淡", name_en="Pale", kind="self_operated", risk_notice="告知",
                            risk_notice_en="notice")
    assert not b.active
    Brand.objects.filter(pk=b.pk).update(accent_color="white")  # written around the form's validator
    assert haitao(["brand", "activate", "pale"]) == 2
    assert "accent_color must be a colour written #rrggbb" in capsys.readouterr().err
    assert not Brand.objects.get(pk=b.pk).active
    Brand.objects.filter(pk=b.pk).update(accent_color="#ffffff")  # white is rendered as a readable shade
    assert brands.activate_brand("pale", actor="t").active
    assert brands.activate_brand("pale", actor="again").activated_by == "t"  # idempotent
    assert not brands.deactivate_brand("pale", actor="t").active
    assert haitao(["brand", "list"]) == 0
    assert "awaits activation" in capsys.readouterr().out
