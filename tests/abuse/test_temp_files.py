"""A worker killed mid-write must not leave personal data in an orphaned .tmp file (issue 11)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from haitao.customs import folder_transport as ft

SECRET = "张三 11010519491231002X 文三路 100 号".encode()
WRITER = """
import os, sys, time
from pathlib import Path
from haitao.customs import folder_transport as ft
if sys.argv[2] == "named":
    ft._write_unnamed = lambda *args: False   # a file system without O_TMPFILE
def stall(fd):
    print("writing", flush=True)
    time.sleep(60)
os.fsync = stall
ft.write_atomic(Path(sys.argv[1]) / "CEB311.xml", %r)
""" % SECRET


def _kill_mid_write(folder: Path, mode: str) -> None:
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(folder), mode], stdout=subprocess.PIPE,
                              cwd=Path(__file__).resolve().parents[2])
    try:
        assert writer.stdout.readline().strip() == b"writing"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)


def _readable(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.is_file() and SECRET in p.read_bytes()]


def test_killed_writer_leaves_nothing_readable(tmp_path):
    _kill_mid_write(tmp_path, "unnamed")
    assert list(tmp_path.iterdir()) == [] and _readable(tmp_path) == []


def test_without_unnamed_files_the_next_writer_sweeps_the_orphan(tmp_path):
    _kill_mid_write(tmp_path, "named")
    orphans = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(orphans) == 1  # what the fallback leaves …
    old = time.time() - 3600
    os.utime(orphans[0], (old, old))
    ft._swept.discard(str(tmp_path))
    ft.write_outbox(tmp_path, "next.xml", b"<ok/>")  # … is gone once the next worker writes here
    assert [p.name for p in tmp_path.iterdir()] == ["next.xml"] and _readable(tmp_path) == []


def test_a_fresh_temp_file_of_a_live_writer_is_left_alone(tmp_path):
    live = tmp_path / ".x.xml.abc.tmp"
    live.write_bytes(b"partial")
    assert ft.sweep_temp_files(tmp_path) == 0 and live.exists()


def test_write_atomic_still_replaces_whole(tmp_path):
    target = tmp_path / "a.xml"
    ft.write_atomic(target, b"one")
    ft.write_atomic(target, b"two")
    assert target.read_bytes() == b"two" and [p.name for p in tmp_path.iterdir()] == ["a.xml"]
    assert oct(target.stat().st_mode & 0o777) == "0o600"
