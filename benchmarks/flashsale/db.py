"""PostgreSQL administration for the benchmark: URLs, fresh databases, copies from a seeded template."""

from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/haitao_bench"


def with_dbname(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def dbname(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not name:
        raise ValueError(f"no database name in {url!r}")
    return name


def libpq(url: str) -> str:
    """psycopg and pgbench take postgresql:// URIs; dj-database-url also accepts postgres://."""
    return "postgresql://" + url.split("://", 1)[1] if url.startswith("postgres://") else url


def _admin(url: str):
    return psycopg.connect(libpq(with_dbname(url, "postgres")), autocommit=True)


def recreate(url: str, template: str | None = None) -> None:
    """DROP (forcing out any leftover session) and CREATE the database `url` names."""
    name = dbname(url)
    if not name.startswith("haitao_bench") and "bench" not in name:
        raise ValueError(f"refusing to drop {name!r}: the benchmark only drops databases named *bench*")
    with _admin(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if template:
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name),
                                                                          sql.Identifier(template)))
        else:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop(url: str) -> None:
    name = dbname(url)
    if "bench" not in name:
        raise ValueError(f"refusing to drop {name!r}")
    with _admin(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def connect(url: str):
    return psycopg.connect(libpq(url), autocommit=True)
