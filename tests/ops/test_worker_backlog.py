"""The worker loop starts its next pass at once while the outbox holds a backlog (a full batch was
declared), and sleeps its interval otherwise."""

import pytest

from haitao.cli import backlog_left
from haitao.declarations.services import DECLARE_BATCH


@pytest.mark.parametrize("counts,expected", [
    ({"declared": DECLARE_BATCH}, True),
    ({"declared": DECLARE_BATCH - 1}, False),
    ({"declared": 0, "expired": 500}, False),
    ({}, False),
])
def test_a_full_batch_means_more_is_waiting(counts, expected):
    assert backlog_left(counts) is expected
