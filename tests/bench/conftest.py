"""A scratch PostgreSQL database for the benchmark's own tests (not the suite's test database)."""

import os

import pytest

from benchmarks.flashsale import db

SCRATCH_URL = os.environ.get("HAITAO_BENCH_TEST_URL",
                             f"postgres://postgres@127.0.0.1:5432/haitao_bench_t{os.getpid()}")


@pytest.fixture(scope="session")
def scratch_url():
    try:
        db.recreate(SCRATCH_URL)
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("HAITAO_REQUIRE_POSTGRESQL") == "1" or os.environ.get("CI"):
            raise  # in CI a missing PostgreSQL is a failure, never a skip
        pytest.skip(f"no PostgreSQL at 127.0.0.1:5432 ({exc})")
    yield SCRATCH_URL
    db.drop(SCRATCH_URL)
