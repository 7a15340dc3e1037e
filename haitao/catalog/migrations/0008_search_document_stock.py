"""Availability on the search document (in stock; modes with stock as bits), so that ranking and the
mode facet read a column instead of joining the stock tables for every match.

Added with plain ALTER TABLE ... ADD COLUMN on both engines: Django's own AddField rebuilds the table on
SQLite, which would drop the FTS5 triggers of 0004."""

from django.db import migrations, models

COLUMNS = {"available": {"sqlite": "bool NOT NULL DEFAULT 0", "postgresql": "boolean NOT NULL DEFAULT false"},
           "stock_modes": {"sqlite": "smallint unsigned NOT NULL DEFAULT 0 CHECK (stock_modes >= 0)",
                           "postgresql": "smallint NOT NULL DEFAULT 0 CHECK (stock_modes >= 0)"}}


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for name, types in COLUMNS.items():
        schema_editor.execute(f"ALTER TABLE catalog_searchdocument ADD COLUMN {name} {types[vendor]}")


def reverse(apps, schema_editor):
    for name in reversed(COLUMNS):
        schema_editor.execute(f"ALTER TABLE catalog_searchdocument DROP COLUMN {name}")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0007_more_verbose_names")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(model_name="searchdocument", name="available",
                                    field=models.BooleanField(default=False, verbose_name="in stock")),
                migrations.AddField(model_name="searchdocument", name="stock_modes",
                                    field=models.PositiveSmallIntegerField(
                                        default=0, help_text="bit 1: bonded (1210), bit 2: direct mail (9610)",
                                        verbose_name="modes in stock")),
            ],
            database_operations=[migrations.RunPython(forward, reverse)],
        ),
    ]
