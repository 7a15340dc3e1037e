import json

from haitao.consolidation.link import CustomerDecision
from haitao.consolidation.conflicts import Conflict
from haitao.consolidation.match import Candidate, ProductDecision
from haitao.consolidation.reader import Quarantined
from haitao.consolidation.report import build_report, render_html, to_json, write_report


def sample_report(dry_run=False):
    return build_report(
        platform="koala", brand="koala", dry_run=dry_run,
        products=[
            ProductDecision("p1", "matched", "HT1", 1.0, ["gtin"]),
            ProductDecision("p2", "review", None, 0.82, ["title", "grey zone"], [Candidate("HT2", 0.82)]),
            ProductDecision("p3", "created", None, 0.0, ["no candidate"]),
        ],
        customers=[CustomerDecision("c1", "linked", "42", ["id_number"]),
                   CustomerDecision("c2", "review", None, ["phone", "name differs"], ["43"])],
        quarantined=[Quarantined("products.jsonl", 17, "price: not a decimal"),
                     Quarantined("orders.jsonl", 3, "placed_at: missing")],
        conflicts=[("HT1", Conflict("hs_code", "3304990099", "3304100000"))],
        merchants={"read": 2, "imported": 2},
        orders={"read": 10, "imported": 9},
    )


def test_report_shape_matches_the_format_document():
    report = sample_report()
    assert set(report) >= {"platform", "brand", "dry_run", "counts", "products", "customers", "quarantined", "conflicts"}
    assert report["counts"]["products"] == {"read": 4, "matched": 1, "created": 1, "review": 1, "quarantined": 1}
    assert report["counts"]["customers"] == {"read": 2, "linked": 1, "created": 0, "review": 1, "quarantined": 0}
    assert report["counts"]["orders"] == {"read": 10, "imported": 9, "quarantined": 1}
    assert report["counts"]["merchants"]["read"] == 2
    assert report["products"][0] == {"source_id": "p1", "decision": "matched", "sku": "HT1", "score": 1.0, "reasons": ["gtin"]}
    assert report["products"][1]["candidates"] == [{"sku": "HT2", "score": 0.82, "reasons": []}]
    assert report["customers"][0] == {"source_id": "c1", "decision": "linked", "customer": "42", "reasons": ["id_number"]}
    assert report["quarantined"][0] == {"file": "products.jsonl", "line": 17, "reason": "price: not a decimal"}
    assert report["conflicts"] == [{"sku": "HT1", "field": "hs_code", "haitao": "3304990099", "source": "3304100000"}]
    assert json.loads(to_json(report)) == report


def test_html_is_self_contained_and_escaped():
    report = sample_report(dry_run=True)
    report["quarantined"].append({"file": "products.jsonl", "line": 9, "reason": "<script>alert(1)</script>"})
    page = render_html(report)
    assert page.startswith("<!doctype html>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Dry run" in page
    for heading in ("Summary", "Products to review", "Customers to review", "Conflicts", "Quarantined lines"):
        assert heading in page
    assert "http" not in page  # nothing loaded from elsewhere


def test_write_report(tmp_path):
    json_path, html_path = write_report(sample_report(), tmp_path / "out")
    assert json.loads(json_path.read_text(encoding="utf-8"))["platform"] == "koala"
    assert "koala" in html_path.read_text(encoding="utf-8")


def test_html_shows_what_the_merge_adds_to_the_json():
    report = {**sample_report(),
              "warehouses": [{"source": "奇异果奥克兰直邮仓", "warehouse": "kiwi-wh-1", "created": True}],
              "notes": [{"kind": "listing_invisible", "sku": "KIWI-KP029", "reason": "not on the <positive> list"},
                        {"kind": "brand", "note": "brand kiwi created"}],
              "orders_deferred": [{"source_id": "KO-11", "reason": "customer waits in the review queue"}],
              "skipped_existing": {"products": 3, "orders": 0}}
    page = render_html(report)
    for text in ("kiwi-wh-1", "activate it in the admin", "KIWI-KP029", "not on the &lt;positive&gt; list",
                 "brand kiwi created", "KO-11", "customer waits in the review queue"):
        assert text in page, text
    assert "<td>products</td><td>3</td>" in page and "<td>orders</td><td>0</td>" not in page
