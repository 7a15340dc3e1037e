"""One pass of the customs worker, and the local customs simulator run over the folders.

:func:`worker_tick` = declare paid orders (queued, or nobody declared yet) → deliver due outbox rows → (when
``HAITAO_CUSTOMS_SIMULATOR=inprocess``) let the simulator answer → apply inbox receipts → advance
the built-in carrier's shipments. Each step commits on its own, so a pass killed anywhere is
completed by the next one. An order moves one stage a pass (declared → accepted/released →
shipped → delivered), the way the buyer watches it happen.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from haitao.customs import CustomsSimulator, SimulatorConfig, SimulatorState, TaxRates, run_simulator_once
from haitao.customs.taxbill import SkuRates
from haitao.rules.cosmetics import SkuTaxFacts

from . import config, outbox, receipts, services


def _env_set(name: str) -> frozenset[str]:
    return frozenset(x.strip() for x in os.environ.get(name, "").split(",") if x.strip())


def tax_rates() -> TaxRates:
    """The simulator's tax table from the catalog, per SKU (itemNo), so its CEB816 bill matches the
    checkout's tax even where SKUs share an HS code but not a consumption tax (rule 8)."""
    from haitao.catalog.models import Sku

    skus = {}
    for sku in Sku.objects.only("code", "vat_rate", "tariff_rate", "consumption_tax_basis", "consumption_tax_rate",
                                "net_content", "content_unit"):
        facts = SkuTaxFacts(basis=sku.consumption_tax_basis, ad_valorem_rate=sku.consumption_tax_rate,
                            net_content=sku.net_content, content_unit=sku.content_unit)
        skus[sku.code] = SkuRates(vat=sku.vat_rate, mfn=sku.tariff_rate, consumption=facts)
    return TaxRates(skus=skus)


def default_simulator_config() -> SimulatorConfig:
    """Trusts haitao's signing certificate; decisions from ``HAITAO_CUSTOMS_SIMULATOR_REJECT_ORDERS``
    (order numbers), ``…_HOLD_ORDERS`` (order numbers whose lists are accepted, not released),
    ``…_REJECT_INVENTORY=1`` and ``…_NO_RELEASE=1`` (demo and tests)."""
    return SimulatorConfig(
        reject_order_nos=_env_set("HAITAO_CUSTOMS_SIMULATOR_REJECT_ORDERS"),
        reject_all_inventory=os.environ.get("HAITAO_CUSTOMS_SIMULATOR_REJECT_INVENTORY") == "1",
        release=os.environ.get("HAITAO_CUSTOMS_SIMULATOR_NO_RELEASE") != "1",
        hold_order_nos=_env_set("HAITAO_CUSTOMS_SIMULATOR_HOLD_ORDERS"),
        tax_rates=tax_rates(),
        trusted_cert_pem=config.signer().cert_pem,
    )


def run_simulator(outbox_dir: Path | str, inbox_dir: Path | str, sim_config: SimulatorConfig | None = None,
                  state_file: Path | str | None = None) -> int:
    """Let the local customs answer every new outbox file; returns the number of receipts written.
    One simulator at a time per state file (a lock beside it), so two workers never answer twice."""
    state_file = Path(state_file or Path(outbox_dir).parent / "simulator-state.json")
    state_file.parent.mkdir(parents=True, exist_ok=True)
    with open(state_file.with_name(state_file.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        simulator = CustomsSimulator(sim_config or SimulatorConfig(), SimulatorState.load(state_file))
        return len(run_simulator_once(outbox_dir, inbox_dir, simulator, state_file))


def worker_tick(now=None, simulator_config: SimulatorConfig | None = None) -> dict[str, int]:
    counts = {"declared": services.declare_pending()}
    counts.update(outbox.deliver_due(now))
    if config.simulator_mode() == "inprocess":
        counts["simulated"] = run_simulator(config.outbox_dir(), config.inbox_dir(),
                                            simulator_config or default_simulator_config(),
                                            config.simulator_state_file())
    counts.update(receipts.process_inbox())
    counts.update(services.advance_shipments(now))
    return counts
