"""Splink's Fellegi–Sunter model of 'same product', on DuckDB (one machine) or Spark (a cluster).

The comparisons are the ones ``fsmodel`` makes, written as Splink comparison levels in SQL: title
(token Jaccard and Jaro–Winkler bands), word coverage, GTIN, stage, size, variant, content, HS code,
origin. The inputs are ``splink_engine``'s rows: the project's own normalised features, so both
engines see the same evidence.

Training, in the order Splink recommends, every figure from the run's own data:

1. λ (the chance that a random source × catalog pair is one product) from the GTIN anchors;
2. m measured on the GTIN-anchored pairs (``estimate_m_from_pairwise_labels``);
3. u by random sampling of pairs (two random products are nearly always different ones);
4. EM on the blocked pairs, twice with different blocking rules, so every comparison is estimated
   by a session that does not block on it.

Blocking for prediction mirrors the default matcher: (brand, content, pack), plus the brand's SKUs
with no readable size; a pair whose stage, size, variant or market disagree, or whose titles share
no word, is never compared. SQL is written per dialect where DuckDB and Spark differ (array functions).
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

SOURCE, CATALOG = "source", "catalog"
STRUCTURAL = ("stage", "size", "variant")
_DIALECT = {
    "duckdb": {"inter": "len(list_intersect({l}tokens{_l}, {r}tokens{_r}))", "size": "len({x}tokens{_x})",
               "union": "len(list_distinct(list_concat({l}tokens{_l}, {r}tokens{_r})))",
               "jw": "jaro_winkler_similarity(title_l, title_r)"},
    "spark": {"inter": "size(array_intersect({l}tokens{_l}, {r}tokens{_r}))", "size": "size({x}tokens{_x})",
              "union": "size(array_union({l}tokens{_l}, {r}tokens{_r}))", "jw": "jaro_winkler(title_l, title_r)"},
}


@dataclass(frozen=True)
class SplinkPolicy:
    em_max_pairs: float = 2e6  # blocked pairs per EM session (Splink samples records to stay near it)
    u_max_pairs: float = 2e6  # random pairs for u
    predict_threshold: float = 0.05  # pairs below this posterior are not returned (taken as different)
    min_labels: int = 20  # GTIN-anchored pairs needed to measure m from them


def _sql(dialect: str, name: str, pair: bool) -> str:
    """A dialect's SQL for the token sets of the two sides, in comparison (tokens_l) or blocking (l.tokens) form."""
    template = _DIALECT[dialect][name]
    sides = {"l": "", "_l": "_l", "r": "", "_r": "_r", "x": "", "_x": ""} if pair else \
        {"l": "l.", "_l": "", "r": "r.", "_r": "", "x": "", "_x": ""}
    return template.format(**sides)


def _side_size(dialect: str, side: str) -> str:
    return _DIALECT[dialect]["size"].format(x="", _x=f"_{side}")


def _level(sql: str, label: str, null: bool = False) -> dict[str, Any]:
    level = {"sql_condition": sql, "label_for_charts": label}
    if null:
        level["is_null_level"] = True
    return level


def comparisons(dialect: str) -> list[dict[str, Any]]:
    inter, union = _sql(dialect, "inter", True), _sql(dialect, "union", True)
    jaccard = f"({inter} * 1.0 / {union})"
    cover = f"({inter} * 1.0 / least({_side_size(dialect, 'l')}, {_side_size(dialect, 'r')}))"
    jw = _DIALECT[dialect]["jw"]
    title = {"output_column_name": "title", "comparison_levels": [
        _level("title_l IS NULL OR title_r IS NULL", "no words", null=True),
        _level("title_l = title_r", "same words"),
        _level(f"{jaccard} >= 0.75", "jaccard >= 0.75"),
        _level(f"{jaccard} >= 0.5 AND {jw} >= 0.9", "jaccard >= 0.5, jaro-winkler >= 0.9"),
        _level(f"{jaccard} >= 0.5", "jaccard >= 0.5"),
        _level(f"{jw} >= 0.9", "jaro-winkler >= 0.9 (spelling)"),
        _level(f"{jaccard} >= 0.3", "jaccard >= 0.3"),
        _level("ELSE", "else")]}
    coverage = {"output_column_name": "tokens", "comparison_levels": [
        _level("title_l IS NULL OR title_r IS NULL", "no words", null=True),
        _level(f"{cover} >= 1.0", "all words of the shorter title"),
        _level(f"{cover} >= 0.75", "coverage >= 0.75"),
        _level(f"{cover} >= 0.5", "coverage >= 0.5"),
        _level("ELSE", "else")]}
    gtin = {"output_column_name": "gtin", "comparison_levels": [
        _level("gtin_l IS NULL OR gtin_r IS NULL", "missing", null=True),
        _level("gtin_l = gtin_r", "equal"),
        _level("gtin_global_l AND gtin_global_r", "two valid global GTINs differ"),
        _level("ELSE", "differ (in-store or coupon number)")]}
    return [title, coverage, gtin, *(_attribute(name) for name in (*STRUCTURAL, "content_key")),
            _coded("hs8"), _coded("origin")]


def _attribute(name: str) -> dict[str, Any]:
    """Parsed from titles: equal, stated on one side only, stated on neither (no evidence), different."""
    return {"output_column_name": name, "comparison_levels": [
        _level(f"{name}_l IS NULL AND {name}_r IS NULL", "neither", null=True),
        _level(f"{name}_l = {name}_r", "equal"),
        _level(f"{name}_l IS NULL OR {name}_r IS NULL", "one side only"),
        _level("ELSE", "differ")]}


def _coded(name: str) -> dict[str, Any]:
    return {"output_column_name": name, "comparison_levels": [
        _level(f"{name}_l IS NULL OR {name}_r IS NULL", "missing", null=True),
        _level(f"{name}_l = {name}_r", "equal"),
        _level("ELSE", "differ")]}


def _compatible(dialect: str) -> str:
    """Pairs the default matcher would never compare: stage/size/variant/market disagree, or no word shared."""
    parts = [f"(l.{n} IS NULL OR r.{n} IS NULL OR l.{n} = r.{n})" for n in (*STRUCTURAL, "market")]
    parts.append(f"((l.title IS NULL AND r.title IS NULL) OR {_sql(dialect, 'inter', False)} >= 1)")
    return " AND ".join(parts)


def blocking_rules(dialect: str) -> list[str]:
    compatible = _compatible(dialect)
    return [f"l.brand_key = r.brand_key AND l.content_key = r.content_key AND {compatible}",
            f"l.brand_key = r.brand_key AND l.unsized = r.unsized AND {compatible}"]


def settings(dialect: str, prior: float) -> dict[str, Any]:
    return {"link_type": "link_only", "unique_id_column_name": "unique_id",
            "probability_two_random_records_match": prior, "comparisons": comparisons(dialect),
            "blocking_rules_to_generate_predictions": blocking_rules(dialect),
            "retain_matching_columns": False, "retain_intermediate_calculation_columns": False,
            "em_convergence": 0.001, "max_iterations": 25}


def db_api(backend: str, spark: Any = None):
    """Splink's database API for ``duckdb`` (an in-memory database) or ``spark`` (the given, active or a new session)."""
    if backend == "duckdb":
        from splink import DuckDBAPI

        return DuckDBAPI()
    from splink import SparkAPI

    return SparkAPI(spark_session=spark or spark_session(), break_lineage_method="persist")


def spark_session():
    """The active session; under ``spark-submit`` the one its flags describe; else ``local_spark()``."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    if "PYSPARK_GATEWAY_PORT" in os.environ:  # launched by spark-submit: master and --jars come from its flags
        return SparkSession.builder.appName("haitao-consolidation").getOrCreate()
    return local_spark()


def local_spark(cores: int | str = "*", memory: str = "2g"):
    """A Spark session in local mode with Splink's similarity functions (Jaro–Winkler) on the class path."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    return (SparkSession.builder.master(f"local[{cores}]").appName("haitao-consolidation")
            .config("spark.jars", similarity_jar_location()).config("spark.driver.memory", memory)
            .config("spark.sql.shuffle.partitions", "8").config("spark.ui.enabled", "false")
            .config("spark.sql.adaptive.enabled", "true").getOrCreate())


def _quiet() -> None:
    for name in ("splink", "py4j"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _arrow(rows: list[dict[str, Any]], schema_of: Iterable[str]):
    import pyarrow as pa

    columns = {name: [row[name] for row in rows] for name in schema_of}
    types = {"tokens": pa.list_(pa.string()), "gtin_global": pa.bool_()}
    return pa.table({name: pa.array(values, type=types.get(name, pa.string())) for name, values in columns.items()})


COLUMNS = ("unique_id", "brand_key", "title", "tokens", "content_key", "unsized", *STRUCTURAL, "market",
           "gtin", "gtin_global", "hs8", "origin")


@dataclass
class Trained:
    """What training measured: the model as Splink's JSON, and how it was estimated."""

    model: dict[str, Any]
    labelled_pairs: int
    prior: float
    em_sessions: int


def train(backend: str, sources: list[dict], catalog: list[dict], anchors: list[tuple[str, str]], prior: float,
          policy: SplinkPolicy, spark: Any = None) -> Trained:
    """Estimate m, u (and λ within blocks) on these tables; returns the model for ``predict``."""
    from splink import Linker, block_on

    _quiet()
    api = db_api(backend, spark)
    linker = Linker(_register(api, sources, catalog), settings(backend, prior), log_level=logging.WARNING)
    if len(anchors) >= policy.min_labels:
        labels = api.register(_arrow_labels(anchors), table_name=f"labels_{uuid.uuid4().hex[:12]}")
        linker.training.estimate_m_from_pairwise_labels(labels)
    # one chunk unless the tables are large (each chunk is a pass; on Spark, dozens of jobs), and no
    # resampling until every level is seen 100 times: a rare level keeps Splink's default u
    chunks = max(1, min(10, (len(sources) + len(catalog)) // 500_000))
    linker.training.estimate_u_using_random_sampling(max_pairs=policy.u_max_pairs, seed=7, num_chunks=chunks,
                                                     min_count_per_level=None)
    sessions = 0
    for rule in (block_on("brand_key", "content_key"), block_on("brand_key", "title")):
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True, max_pairs=policy.em_max_pairs)
            sessions += 1
        except Exception as exc:  # noqa: BLE001  Splink refuses a session with too few pairs: keep what we have
            logging.getLogger(__name__).info("EM session on %s skipped: %s", rule, exc)
    return Trained(linker.misc.save_model_to_json(), len(anchors), prior, sessions)


def _register(api, sources: list[dict], catalog: list[dict]) -> list:
    """Both tables, under names of their own: a Spark session keeps its views from one call to the next."""
    run = uuid.uuid4().hex[:12]
    return [api.register(_arrow(sources, COLUMNS), dataset_display_name=SOURCE, table_name=f"{SOURCE}_{run}"),
            api.register(_arrow(catalog, COLUMNS), dataset_display_name=CATALOG, table_name=f"{CATALOG}_{run}")]


def _arrow_labels(anchors: list[tuple[str, str]]):
    import pyarrow as pa

    return pa.table({"source_dataset_l": [SOURCE] * len(anchors), "unique_id_l": [s for s, _ in anchors],
                     "source_dataset_r": [CATALOG] * len(anchors), "unique_id_r": [c for _, c in anchors]})


def predict(backend: str, sources: list[dict], catalog: list[dict], trained: Trained, policy: SplinkPolicy,
            spark: Any = None) -> list[tuple[str, str, float]]:
    """(source id, catalog SKU, match weight) for every compatible pair above the threshold."""
    from splink import Linker

    _quiet()
    if not sources or not catalog:
        return []
    api = db_api(backend, spark)
    linker = Linker(_register(api, sources, catalog), trained.model, log_level=logging.WARNING)
    table = linker.inference.predict(threshold_match_probability=policy.predict_threshold,
                                     warning_mode="never").as_pyarrow_table()
    columns = {name: table.column(name).to_pylist() for name in
               ("source_dataset_l", "unique_id_l", "unique_id_r", "match_weight")}
    out = []
    for side, left, right, weight in zip(*columns.values()):
        out.append((left, right, weight) if side == SOURCE else (right, left, weight))
    return out
