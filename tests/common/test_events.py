"""The message bus: in-transaction handlers share the producer's fate, after-commit handlers see only
committed work, and a producer needs no import of its consumers."""

from dataclasses import dataclass

import pytest
from django.db import transaction

from haitao.brands.models import Brand
from haitao.common import events


@dataclass(frozen=True)
class Pinged:
    code: str


@pytest.fixture
def seen():
    calls: list[tuple[str, str]] = []

    def inside(event):
        calls.append(("inside", event.code))

    def after(event):
        calls.append(("after", event.code))

    events.subscribe(Pinged, in_transaction=True)(inside)
    events.subscribe(Pinged)(after)
    yield calls
    events.unsubscribe(Pinged, inside)
    events.unsubscribe(Pinged, after)


@pytest.mark.django_db
def test_in_transaction_handlers_run_at_once_and_after_commit_ones_after_the_commit(
        seen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            events.publish(Pinged("a"))
            assert seen == [("inside", "a")]
    assert seen == [("inside", "a"), ("after", "a")]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_runs_no_after_commit_handler(seen):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            events.publish(Pinged("b"))
            raise RuntimeError("the producer failed")
    assert seen == [("inside", "b")]


@pytest.mark.django_db(transaction=True)
def test_an_in_transaction_handler_that_fails_rolls_the_producer_back():
    def refuse(event):
        raise ValueError("no")

    events.subscribe(Pinged, in_transaction=True)(refuse)
    try:
        with pytest.raises(ValueError):
            with transaction.atomic():
                Brand.objects.create(code="evt", name="事件", name_en="Event", kind="marketplace")
                events.publish(Pinged("c"))
        assert not Brand.objects.filter(code="evt").exists()
    finally:
        events.unsubscribe(Pinged, refuse)


@pytest.mark.django_db(transaction=True)
def test_a_failing_after_commit_handler_is_logged_and_keeps_the_committed_work(monkeypatch, caplog):
    def broken(event):
        raise ValueError("handler bug")

    monkeypatch.setattr(events, "STRICT", False)
    events.subscribe(Pinged)(broken)
    try:
        with transaction.atomic():
            Brand.objects.create(code="evt2", name="事件", name_en="Event", kind="marketplace")
            events.publish(Pinged("d"))
        assert Brand.objects.filter(code="evt2").exists()
        assert "handler bug" in caplog.text
    finally:
        events.unsubscribe(Pinged, broken)


def test_subscribing_twice_registers_once():
    def handler(event):
        pass

    events.subscribe(Pinged)(handler)
    events.subscribe(Pinged)(handler)
    try:
        assert events.handlers_of(Pinged).count((handler, False)) == 1
    finally:
        events.unsubscribe(Pinged, handler)
