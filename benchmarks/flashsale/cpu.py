"""CPU accounting of a run: seconds of CPU (user + system, from /proc/<pid>/stat and getrusage) spent by
each party between two marks — the server's process group, the PostgreSQL backends of the bench
database, the load generator(s), the customs worker — and what that is per order."""

from __future__ import annotations

import os
from collections.abc import Callable

CLK_TCK = os.sysconf("SC_CLK_TCK")


def stat_fields(text: str) -> list[str]:
    """The fields of a /proc/<pid>/stat line after the command name, which may hold spaces and ')'."""
    return text.rsplit(")", 1)[1].split()


def stat_cpu(text: str) -> tuple[int, float]:
    """(process group, user + system CPU seconds) of one /proc/<pid>/stat line."""
    fields = stat_fields(text)  # state, ppid, pgrp, session, ..., utime (11), stime (12)
    return int(fields[2]), (int(fields[11]) + int(fields[12])) / CLK_TCK


def groups_cpu_seconds(pgids: set[int], proc: str = "/proc") -> float:
    """CPU of the live processes in any of the process groups `pgids` (a server's master and workers)."""
    total = 0.0
    for entry in os.listdir(proc):
        if not entry.isdigit():
            continue
        try:
            with open(f"{proc}/{entry}/stat", encoding="ascii", errors="replace") as fh:
                pgrp, seconds = stat_cpu(fh.read())
        except (OSError, IndexError, ValueError):
            continue
        if pgrp in pgids:
            total += seconds
    return total


class Meter:
    """Marks and laps over named probes (each returns cumulative CPU seconds, or None when unknown),
    plus the whole machine's busy share (other tenants included) from a `machine()` probe returning
    (busy, total) seconds."""

    def __init__(self, probes: dict[str, Callable[[], float | None]], machine: Callable[[], tuple[float, float]]):
        self.probes, self.machine = probes, machine
        self.mark = self._sample()

    def _sample(self) -> dict:
        out = {name: probe() for name, probe in self.probes.items()}
        out["_machine"] = self.machine()
        return out

    def lap(self, extra: dict[str, float] | None = None) -> dict:
        """CPU seconds per probe since the last mark (and `extra` ones measured elsewhere)."""
        now = self._sample()
        then, self.mark = self.mark, now
        out = {name: None if now[name] is None or then[name] is None else round(now[name] - then[name], 3)
               for name in self.probes}
        out.update(extra or {})
        busy, total = (a - b for a, b in zip(now["_machine"], then["_machine"]))
        out["machine_busy_fraction"] = round(busy / total, 3) if total > 0 else None
        return out


def per_order_ms(cpu_s: dict | None, orders: int | None) -> dict | None:
    """Milliseconds of CPU per order for each party of a phase (None where unknown or no order)."""
    if not cpu_s or not orders:
        return None
    out = {name: round(seconds * 1000 / orders, 2) for name, seconds in cpu_s.items()
           if name != "machine_busy_fraction" and seconds is not None}
    parties = [v for k, v in out.items() if k != "total"]
    out["total"] = round(sum(parties), 2)
    return out
