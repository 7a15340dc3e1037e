"""PostgreSQL: the search documents' GIN index also holds each document's brand, as one extra lexeme
(§ and the brand id), so that a brand's search scans the index for that brand's matches only
(catalog.search.engines.PostgresEngine.match) instead of fetching every brand's from the heap and
filtering them. It replaces the GIN index on the plain tsv, which nothing else reads. The expression is
frozen here and must match engines.BRAND_VECTOR. SQLite (FTS5) is unchanged.
"""

from django.db import migrations

_VECTOR = "(tsv || array_to_tsvector(ARRAY['§' || brand_id::text]))"
POSTGRESQL = [f"CREATE INDEX catalog_searchdoc_brand_tsv ON catalog_searchdocument USING gin ({_VECTOR})",
              "DROP INDEX catalog_searchdoc_tsv"]
POSTGRESQL_REVERSE = ["CREATE INDEX catalog_searchdoc_tsv ON catalog_searchdocument USING gin (tsv)",
                      "DROP INDEX catalog_searchdoc_brand_tsv"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0009_listing_hidden_by_brand_index")]

    operations = [migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_REVERSE))]
