"""PostgreSQL: the trigram index of the term list moves onto an expression (lower(term)), which only
the typo lookup uses. On the bare column the planner took it for the exact `term IN (…)` lookups of
every query too, and a trigram scan is far slower there than the unique btree index."""

from django.db import migrations

FORWARD = ["DROP INDEX IF EXISTS catalog_searchterm_trgm",
           "CREATE INDEX catalog_searchterm_trgm_lower ON catalog_searchterm USING gin (lower(term) gin_trgm_ops)"]
REVERSE = ["DROP INDEX IF EXISTS catalog_searchterm_trgm_lower",
           "CREATE INDEX catalog_searchterm_trgm ON catalog_searchterm USING gin (term gin_trgm_ops)"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_seed_synonyms")]

    operations = [migrations.RunPython(_run(FORWARD), _run(REVERSE))]
