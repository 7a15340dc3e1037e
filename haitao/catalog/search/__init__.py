"""Catalog search: one analysis (analysis, lexicon) for documents and queries, a per-listing search
document kept in step with the catalog (index), two engines (engines: SQLite FTS5, PostgreSQL
full text + pg_trgm), query understanding (query) and ranking, filters and facets (ranking)."""
