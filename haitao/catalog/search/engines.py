"""The two full-text engines behind one interface. A query arrives as groups of alternatives (each
alternative a tuple of tokens that must all occur); `mode` "all" needs every group, "any" one of them.

- SQLite (the embedded default): FTS5 MATCH on catalog_search_fts, ranked by bm25 with field weights;
- PostgreSQL (production): the generated tsvector with a GIN index, ranked by ts_rank; typo candidates
  from pg_trgm's trigram index on the term list.

Tokens are letters and digits only (see analysis), so quoting them is enough to keep them literal.
"""

import contextlib
import threading

from django.db import connection, transaction

from .analysis import is_cjk, similarity

SIMILARITY = 0.4  # least trigram similarity for a typo candidate (aptamill → aptamil: 0.7)
_DOC = "catalog_searchdocument"
BRAND_LEXEME = "§"
BRAND_VECTOR = "(tsv || array_to_tsvector(ARRAY['§' || brand_id::text]))"  # unqualified: see SQLiteEngine.where


class Engine:
    def session(self):
        """The context a search runs in (its queries, in order)."""
        return contextlib.nullcontext()

    def where(self, groups, mode: str) -> tuple[str, list]:
        raise NotImplementedError

    def match(self, groups, mode: str, brand_id: int) -> tuple[str, list]:
        """The condition that finds a brand's matching documents (the brand is filtered as well): `where`,
        unless the engine can narrow its index scan to the brand."""
        return self.where(groups, mode)

    def score(self, groups, mode: str) -> tuple[str, list]:
        raise NotImplementedError

    def similar_terms(self, word: str, limit: int = 3) -> list[str]:
        raise NotImplementedError


def _alternatives(groups, quote, conj, disj):
    parts = []
    for group in groups:
        alts = [conj.join(quote(t) for t in alt) for alt in sorted(group)]
        parts.append("(" + disj.join(f"({a})" for a in alts) + ")")
    return parts


class SQLiteEngine(Engine):
    weights = "10.0, 6.0, 3.0, 1.0"  # title, brand, category, other

    def expression(self, groups, mode: str) -> str:
        parts = _alternatives(groups, lambda t: f'"{t}"', " AND ", " OR ")
        return (" AND " if mode == "all" else " OR ").join(parts)

    def where(self, groups, mode):
        # Unqualified `id`: the condition must also hold inside subqueries, where Django renames the table.
        return ("id IN (SELECT rowid FROM catalog_search_fts WHERE catalog_search_fts MATCH %s)",
                [self.expression(groups, mode)])

    def score(self, groups, mode):
        return (f"(SELECT -bm25(catalog_search_fts, {self.weights}) FROM catalog_search_fts "
                f"WHERE catalog_search_fts MATCH %s AND rowid = {_DOC}.id)", [self.expression(groups, mode)])

    _terms: dict = {}
    _lock = threading.Lock()

    def _ascii_terms(self) -> list[str]:
        """The term list's Latin words, read once per term-list size (the embedded default is small)."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*), MAX(id) FROM catalog_searchterm")
            stamp = tuple(cursor.fetchone())
            if self._terms.get("stamp") != stamp:
                cursor.execute("SELECT term FROM catalog_searchterm")
                words = [t for (t,) in cursor.fetchall() if not is_cjk(t) and not t.isdigit()]
                with self._lock:
                    self._terms.update(stamp=stamp, words=words)
        return self._terms["words"]

    def similar_terms(self, word, limit=3):
        scored = sorted(((similarity(word, t), t) for t in self._ascii_terms()), reverse=True)
        return [t for s, t in scored[:limit] if s >= SIMILARITY]


class PostgresEngine(Engine):
    weights = "'{0.1, 0.3, 0.6, 1.0}'"  # D other, C category, B brand, A title

    def expression(self, groups, mode: str) -> str:
        parts = _alternatives(groups, lambda t: f"'{t}'", " & ", " | ")
        return (" & " if mode == "all" else " | ").join(parts)

    @contextlib.contextmanager
    def session(self):
        # The planner's default page cost (4, spinning disks) prices the GIN bitmap scan above a full scan
        # that evaluates @@ on every row of the brand, several times slower in practice; 1.1 is the usual
        # setting for SSDs, applied to the search's own transaction only.
        with transaction.atomic():
            # And neither a plain index scan nor a sequential scan: over-estimating OR-ed tsqueries (80,790
            # rows for 25,459), the planner walks the brand's btree index (515 ms against 150 ms for the GIN
            # bitmap scan of 17k matches in 100k) or reads the whole table and tests every row (163 ms
            # against 40 ms); bitmap scans (GIN, the brand index, the hidden-listing index) remain. No
            # parallel workers (their start-up costs more than a search on a busy 2-core box, measured 42–49
            # against 28–44 ms) and no JIT (a broad statement may cost past jit_above_cost, and compiling
            # takes longer than the whole search).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL random_page_cost = 1.1; SET LOCAL enable_indexscan = off; "
                               "SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0; "
                               "SET LOCAL jit = off")
            yield

    def where(self, groups, mode):
        return "tsv @@ %s::tsquery", [self.expression(groups, mode)]  # unqualified: see SQLiteEngine.where

    def match(self, groups, mode, brand_id):
        # The GIN index of migration 0010 is on the document's lexemes plus one for its brand (§ and the
        # brand id: analysed tokens are letters and digits only, so it meets no word), and the query asks
        # for that lexeme too: the index scan then yields the brand's matches only, instead of every
        # brand's to be filtered on the heap (奶粉 in dolphin: 16,945 rows fetched instead of 25,424).
        # The expression must stay the index's, word for word. Scores read the plain tsv and the plain
        # query, so they are unchanged.
        return (f"{BRAND_VECTOR} @@ (%s::tsquery && %s::tsquery)",
                [f"'{BRAND_LEXEME}{int(brand_id)}'", self.expression(groups, mode)])

    def score(self, groups, mode):
        return f"ts_rank({self.weights}, {_DOC}.tsv, %s::tsquery)", [self.expression(groups, mode)]

    def similar_terms(self, word, limit=3):
        with connection.cursor() as cursor:
            cursor.execute("SELECT term, similarity(lower(term), %s) AS s FROM catalog_searchterm "
                           "WHERE lower(term) %% %s ORDER BY s DESC, term LIMIT %s", [word, word, limit])
            return [t for t, s in cursor.fetchall() if s >= SIMILARITY]


def engine() -> Engine:
    return PostgresEngine() if connection.vendor == "postgresql" else SQLiteEngine()


def known_terms(tokens) -> set[str]:
    """Which of `tokens` occur in the index, one query."""
    tokens = sorted(set(tokens))
    if not tokens:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT term FROM catalog_searchterm WHERE term IN ({', '.join(['%s'] * len(tokens))})",
                       tokens)
        return {t for (t,) in cursor.fetchall()}
