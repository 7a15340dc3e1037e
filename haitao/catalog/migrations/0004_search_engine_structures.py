"""The full-text structures behind catalog_searchdocument, one per engine (catalog.search.engines):

- SQLite: an FTS5 table over the four token columns (external content, kept in step by triggers);
- PostgreSQL: a weighted tsvector column generated from the same columns (title A, brand B, category C,
  other D) with a GIN index, and pg_trgm with a trigram index on the term list for typo tolerance.

The token columns already hold analysed, space-separated lexemes, so neither engine parses text itself:
FTS5's unicode61 tokenizer only splits on the spaces, and PostgreSQL builds the vector from the array.
(On SQLite, a later migration that rebuilds catalog_searchdocument must recreate these triggers.)
"""

from django.db import migrations

_COLUMNS = "t_title, t_brand, t_category, t_extra"
SQLITE = [
    f"CREATE VIRTUAL TABLE catalog_search_fts USING fts5({_COLUMNS}, content='catalog_searchdocument', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER catalog_searchdoc_ai AFTER INSERT ON catalog_searchdocument BEGIN "
    f"INSERT INTO catalog_search_fts(rowid, {_COLUMNS}) VALUES (new.id, new.t_title, new.t_brand, new.t_category, "
    "new.t_extra); END",
    f"CREATE TRIGGER catalog_searchdoc_ad AFTER DELETE ON catalog_searchdocument BEGIN "
    f"INSERT INTO catalog_search_fts(catalog_search_fts, rowid, {_COLUMNS}) VALUES ('delete', old.id, old.t_title, "
    "old.t_brand, old.t_category, old.t_extra); END",
    f"CREATE TRIGGER catalog_searchdoc_au AFTER UPDATE ON catalog_searchdocument BEGIN "
    f"INSERT INTO catalog_search_fts(catalog_search_fts, rowid, {_COLUMNS}) VALUES ('delete', old.id, old.t_title, "
    "old.t_brand, old.t_category, old.t_extra); "
    f"INSERT INTO catalog_search_fts(rowid, {_COLUMNS}) VALUES (new.id, new.t_title, new.t_brand, new.t_category, "
    "new.t_extra); END",
]
SQLITE_REVERSE = ["DROP TRIGGER catalog_searchdoc_au", "DROP TRIGGER catalog_searchdoc_ad",
                  "DROP TRIGGER catalog_searchdoc_ai", "DROP TABLE catalog_search_fts"]


def _weighted(column: str, weight: str) -> str:
    return f"setweight(array_to_tsvector(string_to_array({column}, ' ')), '{weight}')"


POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE catalog_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    + " || ".join(_weighted(c, w) for c, w in (("t_title", "A"), ("t_brand", "B"), ("t_category", "C"),
                                               ("t_extra", "D"))) + ") STORED",
    "CREATE INDEX catalog_searchdoc_tsv ON catalog_searchdocument USING gin (tsv)",
    "CREATE INDEX catalog_searchterm_trgm ON catalog_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRESQL_REVERSE = ["DROP INDEX catalog_searchterm_trgm", "ALTER TABLE catalog_searchdocument DROP COLUMN tsv"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_search_documents_and_synonyms")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
                             _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE})),
    ]
