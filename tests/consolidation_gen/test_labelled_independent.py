"""The independent hand-labelled pairs: well formed, consistent, and evaluated by the benchmark runner."""

from collections import defaultdict

from benchmarks.consolidation import labelled_independent as labelled

from .test_generate_c import gtin_valid

ROWS = labelled.read_pairs()


def test_at_least_150_pairs_with_both_labels():
    assert len(ROWS) >= 150
    labels = [row["label"] for row in ROWS]
    assert labels.count("match") >= 60 and labels.count("non_match") >= 60
    assert all(row["reason"].strip() for row in ROWS)
    assert len({row["pair_id"] for row in ROWS}) == len(ROWS)


def test_an_id_always_names_the_same_listing_and_a_listing_matches_at_most_once():
    seen: dict = {}
    matches = defaultdict(set)
    for row in ROWS:
        for side in ("left", "right"):
            content = tuple(row[f"{side}_{f}"] for f in ("title", "brand", "gtin", "spec"))
            assert seen.setdefault((side, row[f"{side}_id"]), content) == content
        if row["label"] == "match":
            matches[row["right_id"]].add(row["left_id"])
    assert all(len(lefts) == 1 for lefts in matches.values())


def test_gtins_are_digits_and_only_the_labelled_typo_is_invalid():
    for row in ROWS:
        for side in ("left", "right"):
            gtin = row[f"{side}_gtin"]
            if gtin:
                assert gtin.isdigit() and 11 <= len(gtin) <= 14, row["pair_id"]
                assert gtin_valid(gtin) or "typo" in row["reason"], row["pair_id"]


def test_the_runner_evaluates_the_pairs(tmp_path):
    result = labelled.evaluate(tmp_path / "labelled")
    rights = {row["right_id"] for row in ROWS}
    assert result["source"] == len(rights) and result["quarantined"] == 0
    assert result["true_matches"] == len({row["right_id"] for row in ROWS if row["label"] == "match"})
    assert result["catalog"] == len({row["left_id"] for row in ROWS})
    assert result["matched"] + result["review"] + result["created"] == len(rights)
