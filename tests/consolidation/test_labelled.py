"""The matcher on hand-labelled, realistic marketplace pairs (data/labelled_pairs.csv).

Precision is held to the target (0.99), recall to what the matcher reaches today (0.933, see
docs/benchmarks.md; the target is 0.90); the misses go to review.
"""

from tests.consolidation.labelled import evaluate


def test_labelled_pairs():
    result = evaluate()
    assert result["pairs"] >= 200 and result["positives"] >= 110
    assert result["precision"] >= 0.99, result["wrong"]
    assert result["recall"] >= 0.92, result["missed"]
    assert result["gtin_duplicates"] == []  # nothing whose GTIN a SKU holds is created again


def test_first_import_creates_every_product_but_gtin_duplicates():
    result = evaluate()
    # the set repeats some GTINs on purpose (one SKU listed twice): those, and only those, are not created
    assert result["first_import"].get("review", 0) == 0
    # 10 rows repeat a GTIN; 2 of them (S230, S231) carry another brand's GTIN by mistake and are created
    assert result["repeated_gtins"] == 10
    assert result["first_import"].get("matched", 0) == 8
    assert result["first_import_created"] >= 0.95


def test_every_missed_labelled_pair_gets_a_cause(capsys):
    from benchmarks.consolidation.diagnose import labelled, report

    index, sources, truth = labelled()
    index.learn(sources)
    decisions = [index.match(s) for s in sources]
    causes = report(index, sources, truth, decisions, show=1)
    missed = sum(1 for s, d in zip(sources, decisions) if truth[s.source_id] and d.sku != truth[s.source_id])
    wrong = sum(1 for s, d in zip(sources, decisions) if d.decision == "matched" and d.sku != truth[s.source_id])
    assert sum(causes.values()) == missed and f"false matches: {wrong}" in capsys.readouterr().out
