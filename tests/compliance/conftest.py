"""Fixtures for the compliance tests."""

import pytest

from haitao.compliance.services import load_positive_list

from .support import POSITIVE_LIST_CSV


@pytest.fixture
def loaded_list(db):
    return load_positive_list(POSITIVE_LIST_CSV, "test list")
