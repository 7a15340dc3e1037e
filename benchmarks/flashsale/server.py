"""`haitao serve` (gunicorn) as production runs it, in its own process group, always stopped."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")
SERVER_REDIS_URL = os.environ.get("HAITAO_BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 only, never via a proxy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def haitao_command() -> list[str]:
    script = Path(sys.executable).parent / "haitao"
    return [str(script)] if script.exists() else [sys.executable, "-m", "haitao.cli"]


def group_cpu_seconds(pgid: int | None) -> float | None:
    """user + system CPU of the live processes in process group `pgid` (gunicorn master + workers)."""
    if not pgid:
        return None
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the name: state, ppid, pgrp, ..., utime(11), stime(12)
            total += int(fields[11]) + int(fields[12])
    return total / CLK_TCK


def db_backend_cpu_seconds(dbname: str) -> float:
    """CPU of the PostgreSQL backends serving `dbname` (cmdline `postgres: user dbname host(port) ...`)."""
    marker = f" {dbname} ".encode()
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                cmdline = fh.read()
            if not cmdline.startswith(b"postgres: ") or marker not in cmdline + b" ":
                continue
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / CLK_TCK


def stop_group(proc: subprocess.Popen | None) -> None:
    """SIGTERM a child started with start_new_session (its whole process group), SIGKILL if it lingers."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    with open("/proc/stat", encoding="ascii") as fh:
        values = [int(v) for v in fh.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values) - idle) / CLK_TCK, sum(values) / CLK_TCK


class Server:
    def __init__(self, database_url: str, workers: int, var_dir: Path, sandbox_secret: str, threads: int = 1,
                 fast: bool = False):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.workers, self.threads, self.fast = workers, threads, fast
        self.log_path = var_dir / f"server-{self.port}.log"
        self.env = {**os.environ, "HAITAO_DATABASE_URL": database_url, "HAITAO_DEMO": "1",
                    "HAITAO_REDIS_URL": SERVER_REDIS_URL, "HAITAO_ALLOWED_HOSTS": "127.0.0.1",
                    "HAITAO_VAR_DIR": str(var_dir), "HAITAO_PAYMENT_SANDBOX_SECRET": sandbox_secret,
                    "HAITAO_PAYMENT_SANDBOX": "1"}  # pays with the sandbox, switched on explicitly
        self.proc: subprocess.Popen | None = None
        var_dir.mkdir(parents=True, exist_ok=True)

    def start(self, timeout: float = 90.0, probe_path: str = "/api/v1/brands") -> "Server":
        cmd = haitao_command() + ["serve", "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
                                  "--threads", str(self.threads)] + (["--fast"] if self.fast else [])
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(cmd, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"haitao serve exited with {self.proc.returncode}; see {self.log_path}")
            try:
                with _NO_PROXY.open(self.base_url + probe_path, timeout=2) as response:
                    ready = response.status == 200
                if ready and self._workers_up() >= self.workers:
                    return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"haitao serve not ready after {timeout:.0f}s; see {self.log_path}")

    def _workers_up(self) -> int:
        """gunicorn workers forked so far (children of the master, which is the python under `haitao`);
        uvicorn's (--fast) are spawned processes."""
        pgid = self.pgid
        marker, masters = (b"spawn_main", 0) if self.fast else (b"gunicorn", 1)
        count = 0
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/cmdline", "rb") as fh:
                        cmdline = fh.read()
                    if os.getpgid(int(entry)) == pgid and marker in cmdline:
                        count += 1
                except OSError:
                    continue
        return max(count - masters, 0)  # minus the gunicorn master

    @property
    def pgid(self) -> int | None:
        return self.proc.pid if self.proc else None  # start_new_session: the group id is our child's pid

    def cpu_seconds(self) -> float | None:
        return group_cpu_seconds(self.pgid)

    def stop(self) -> None:
        """SIGTERM the server's own process group (gunicorn shuts its workers down), SIGKILL if it lingers."""
        stop_group(self.proc)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
