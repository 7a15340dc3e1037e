"""A Chinese operator reads Chinese: every string the code marks for translation has a zh-Hans one,
every haitao model, field and status label is marked, and the admin pages render in Chinese."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.test import Client
from django.utils import translation
from django.utils.functional import Promise

import haitao

from .conftest import login

CATALOG = Path(haitao.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
OURS = [m for m in apps.get_models() if m.__module__.startswith("haitao.")]


def test_every_marked_string_has_a_chinese_translation():
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    missing = [m.id for m in catalog if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    assert missing == []


@pytest.mark.parametrize("model", OURS, ids=lambda m: m._meta.label)
def test_model_field_and_choice_labels_are_translated(model):
    labels = [model._meta.verbose_name, model._meta.verbose_name_plural, model._meta.app_config.verbose_name]
    for field in model._meta.get_fields():
        if getattr(field, "concrete", False) and not field.auto_created:
            labels.append(field.verbose_name)
            labels += [label for _value, label in field.flatchoices if label not in ("简体中文", "English")]
    assert [str(label) for label in labels if not isinstance(label, Promise)] == []
    with translation.override("zh-hans"):
        chinese = [str(label) for label in labels]
    with translation.override("en"):
        english = [str(label) for label in labels]
    same = [e for e, c in zip(english, chinese, strict=True) if e == c and e.isascii() and e.upper() != e
            and e not in ("SKU", "SKUs", "XML", "GUID", "ml", "g")]
    assert same == []


@pytest.mark.django_db
def test_admin_pages_of_a_chinese_operator_are_in_chinese(world):
    client = login(Client(), world["users"]["dolphin_operator"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-CN,zh;q=0.9"
    index = client.get("/admin/").content.decode()
    assert "订单" in index and "上架商品" in index and "Orders" not in index
    order = world["dolphin"]["paid"]
    order.refresh_from_db()
    with translation.override("zh-hans"):
        status = str(order.get_status_display())
    page = client.get(f"/admin/orders/order/{order.pk}/change/").content.decode()
    for text in ("金额（元）", "订购人与收货人（脱敏）", status, "实付金额", "状态变更（审计记录）"):
        assert text in page
    for english in ("Amounts (CNY)", "actual paid", "status changes"):
        assert english not in page


def test_consolidation_report_in_chinese_and_english(tmp_path):
    from haitao.consolidation.report import render_html, write_report

    report = {"platform": "koala", "brand": "kiwi", "dry_run": True, "counts": {"products": {"read": 1}},
              "products": [], "customers": [], "quarantined": [{"file": "a.jsonl", "line": 3, "reason": "bad"}],
              "conflicts": []}
    chinese = render_html(report, "zh-hans")
    assert "将 koala 整合为品牌 kiwi" in chinese and "汇总" in chinese and "隔离的行" in chinese
    assert '<html lang="zh-hans">' in chinese and "Summary" not in chinese
    assert "Consolidation of koala as brand kiwi" in render_html(report)
    write_report(report, tmp_path)
    assert "汇总" in (tmp_path / "report.zh-hans.html").read_text(encoding="utf-8")
    assert "Summary" in (tmp_path / "report.html").read_text(encoding="utf-8")
