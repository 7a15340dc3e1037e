"""The placement phase driven by wrk (Debian's `wrk`, C with a LuaJIT script): a compiled load
generator costs a small fraction of the Python one's ~0.9 ms of CPU per request, so the two cores go
to the server being measured. The Python generator (load.py) still pays the orders afterwards: each
payment needs the started payment's reference and an HMAC-signed callback.

wrk gives no per-order answer back, so what was placed is read from the database afterwards (orders,
and the first and last placement's time for the hot SKU's sold-out window).
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import subprocess
import time
from pathlib import Path

OUT_OF_STOCK = "out_of_stock"  # the expected refusal once the hot SKU sold out (as load.py counts it)

SCRIPT = Path(__file__).with_name("placement.lua")
SKU_MARK = "<<sku>>"
JSON_LINE = re.compile(r"^WRK_JSON (\{.*\})\s*$", re.MULTILINE)
_UNITS_S = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
_LATENCY = re.compile(r"^\s+(50|75|90|99)%\s+([0-9.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)


def executable() -> str | None:
    return shutil.which("wrk")


def install_hint() -> str:
    return "wrk is not installed: apt-get install wrk (Debian's package), or run with --load python"


def buyers_file(buyers: list, spec: dict, path: Path) -> Path:
    """One line per buyer: token, the order body before the SKU code, after it (JSON, UTF-8)."""
    lines = []
    for token, name, number in buyers:
        body = json.dumps({"items": [{"sku": SKU_MARK, "quantity": 1}], "consignee": spec["consignee"],
                           "buyer": {"real_name": name, "id_number": number}, "risk_notice_accepted": True},
                          ensure_ascii=False, separators=(",", ":"))
        head, tail = body.split(SKU_MARK)
        if "\t" in head + tail + token or "\n" in head + tail + token:
            raise ValueError("a buyer's data holds a tab or newline")
        lines.append(f"{token}\t{head}\t{tail}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def command(spec: dict, buyers_path: Path, threads: int) -> list[str]:
    prefix = spec["random_sku_format"].split("{")[0]
    return [executable() or "wrk", "-t", str(threads), "-c", str(spec["clients"]), "-d", f"{spec['duration']:g}s",
            "--timeout", "30s", "-s", str(SCRIPT), spec["base_url"], "--",
            f"/api/v1/brands/{spec['brand']}/orders", spec["scenario"], spec["hot_sku"], str(spec["random_skus"]),
            prefix, str(buyers_path), str(threads)]


def parse(output: str) -> dict:
    """wrk's result: the script's WRK_JSON line when there is one, else wrk's own text (requests,
    latency percentiles of --latency, non-2xx count) as far as it goes."""
    found = JSON_LINE.search(output)
    if found:
        data = json.loads(found.group(1))
        lat = data["latency_us"]
        return {"requests": data["requests"], "duration_s": data["duration_us"] / 1e6, "statuses": data["statuses"],
                "socket_errors": data["errors"],
                "latency_ms": {k: round(lat[k] / 1000, 1) for k in ("p50", "p95", "p99", "max")}}
    requests = re.search(r"^\s*(\d+) requests in ([0-9.]+)(us|ms|s|m|h)", output, re.MULTILINE)
    if not requests:
        raise ValueError("no wrk result in its output:\n" + output[-2000:])
    latency = {f"p{p}": round(float(v) * _UNITS_S[u] * 1000, 1) for p, v, u in _LATENCY.findall(output)}
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {"requests": int(requests.group(1)),
            "duration_s": float(requests.group(2)) * _UNITS_S[requests.group(3)],
            "statuses": {"non-2xx": int(non_2xx.group(1))} if non_2xx else {},
            "socket_errors": dict(zip(("connect", "read", "write", "timeout"), map(int, socket.groups())))
            if socket else {},
            "latency_ms": {"p50": latency.get("p50"), "p95": None, "p99": latency.get("p99"), "max": None}}


def tally(result: dict, placed: int, first_s: float | None, last_s: float | None) -> dict:
    """The phase summary in load.py's Tally shape, so report.build reads both generators alike. 201s
    are placements, 409 out_of_stock the expected refusals, everything else an error."""
    statuses: dict[str, int] = {}
    errors: dict[str, int] = {}
    ok = rejected = 0
    for key, n in result["statuses"].items():
        status = key.split(" ", 1)[0]
        statuses[status] = statuses.get(status, 0) + n
        if status == "201":
            ok += n
        elif key == f"409 {OUT_OF_STOCK}":
            rejected += n
        else:
            errors[key] = errors.get(key, 0) + n
    for name, n in (result.get("socket_errors") or {}).items():
        if n and name != "status":  # wrk counts every status >= 400 as a "status error": counted above
            errors[f"transport {name}"] = n
    return {"requests": result["requests"], "ok": ok, "rejected": rejected, "errors": dict(sorted(errors.items())),
            "error_count": sum(errors.values()), "statuses": dict(sorted(statuses.items())),
            "elapsed_s": round(result["duration_s"], 3),
            "first_ok_s": None if first_s is None else round(first_s, 3),
            "last_ok_s": None if last_s is None else round(last_s, 3),
            "latency_ms": result["latency_ms"], "ok_latency_ms": None,
            "orders_in_database": placed, "generator": "wrk"}


def run(spec: dict, buyers: list, workdir: Path, threads: int = 2) -> tuple[dict, float, float]:
    """Run wrk for the phase; returns (parsed result, wall-clock start as time.time(), wrk's own CPU
    seconds — user + system of the child, from getrusage)."""
    if not executable():
        raise FileNotFoundError(install_hint())
    path = buyers_file(buyers, spec, workdir / "wrk-buyers.tsv")
    threads = max(1, min(threads, spec["clients"]))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    proc = subprocess.run(command(spec, path, threads), capture_output=True, text=True,
                          timeout=spec["duration"] + 120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return parse(proc.stdout), started, round(cpu, 3)
