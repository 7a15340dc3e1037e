"""The architecture's contracts (docs/architecture.md), checked on every run: pure layers import no
Django, services import no adapter, apps form no import cycle, each app's services own its tables,
modules stay small."""

import pytest

from . import graph

MAX_LINES = 600
ADAPTERS = {"api", "web", "ops", "demo", "cli", "tax_cli"}

MODULES = graph.modules()


def test_the_graph_reads_the_code():
    """Guards the checks below against reading nothing (a moved folder would make them pass vacuously)."""
    by_rel = {m.rel: m for m in MODULES}
    assert "haitao.orders.services" in by_rel["payments/services.py"].imports
    assert graph.cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("layer", ["rules", "customs"])
def test_pure_layers_import_no_django(layer):
    offenders = [m.rel for m in MODULES if m.app == layer
                 and any(name == "django" or name.startswith("django.") for name in m.imports)]
    assert offenders == []


def test_no_service_imports_an_adapter():
    offenders = [(m.rel, name) for m in MODULES if m.rel.endswith("services.py")
                 for name in m.imports if name.split(".")[:2] in (["haitao", "api"], ["haitao", "web"])]
    assert offenders == []


def test_no_import_cycle_between_apps():
    assert graph.cycles(graph.app_edges(MODULES)) == []


def test_no_module_over_the_line_limit():
    over = {m.rel: m.lines for m in MODULES if m.lines > MAX_LINES}
    assert over == {}


def test_only_an_app_writes_its_own_tables():
    writes = {m.rel: m.foreign_writes for m in MODULES if m.foreign_writes}
    assert writes == {}
