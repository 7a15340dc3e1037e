"""Folder exchange, as enterprise customs clients (the E-port "client" software) use it.

The sender drops files in an outbox; the client uploads them and drops receipts in an inbox.
Writes are atomic (tmp file in the same folder, fsync, ``os.replace``) so a reader never sees
half a file; processed files are moved aside so a file is never handled twice.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .simulator import CustomsSimulator
from .validate import parse_xml

PROCESSED = "processed"
SENT_ARCHIVE = "sent-archive"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once (the rename is the commit point).

    The data (customs messages hold names, ID numbers and addresses) is first written to an unnamed
    file (Linux O_TMPFILE) that only gets a name once complete: a worker killed mid-write leaves
    nothing behind to read. Where unnamed files are not supported, a ``.tmp`` file is used and
    ``sweep_temp_files`` removes what a crash left."""
    tmp = path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp"
    if str(path.parent) in _NO_UNNAMED or not _write_unnamed(path.parent, tmp, data):
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


# Folders where unnamed files cannot be written or linked (no O_TMPFILE, or /proc/self/fd links refused,
# as in some sandboxes): remembered, so each later write goes straight to the .tmp file instead of
# writing and syncing every message twice (issue 15).
_NO_UNNAMED: set[str] = set()


def _write_unnamed(directory: Path, name: Path, data: bytes) -> bool:
    """Write ``data`` to an unnamed file in ``directory`` and link it as ``name`` once it is all on
    disk; False where the platform or file system has no O_TMPFILE (the caller falls back)."""
    try:
        fd = os.open(directory, os.O_TMPFILE | os.O_WRONLY, 0o600)
    except (AttributeError, OSError):
        _NO_UNNAMED.add(str(directory))
        return False
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        try:
            os.link(f"/proc/self/fd/{fd}", name)
        except OSError:
            _NO_UNNAMED.add(str(directory))
            return False
    finally:
        os.close(fd)
    return True


def sweep_temp_files(directory: Path | str, older_than: float = 300.0) -> int:
    """Remove ``.tmp`` files a killed writer left in ``directory`` (older than ``older_than`` seconds,
    so a write under way in another process is left alone). Returns how many."""
    directory = Path(directory)
    if not directory.is_dir():
        return 0
    removed, cutoff = 0, time.time() - older_than
    for entry in directory.iterdir():
        if entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file():
            try:
                if entry.stat().st_mtime < cutoff:
                    entry.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
    return removed


_swept: set[str] = set()


def write_outbox(directory: Path | str, filename: str, xml_bytes: bytes) -> Path:
    """Write ``filename`` into the outbox. Writing the same name and content again is a no-op;
    the same name with other content is refused (a file once queued is never silently changed)."""
    directory = Path(directory)
    if Path(filename).name != filename or filename.startswith("."):
        raise ValueError(f"bad outbox file name {filename!r}")
    directory.mkdir(parents=True, exist_ok=True)
    if str(directory) not in _swept:  # once per process: what an earlier, killed writer left
        sweep_temp_files(directory)
        _swept.add(str(directory))
    path = directory / filename
    if path.exists():
        if path.read_bytes() == xml_bytes:
            return path
        raise FileExistsError(f"{path} exists with other content")
    write_atomic(path, xml_bytes)
    return path


def read_inbox(directory: Path | str) -> Iterator[tuple[Path, bytes]]:
    """(path, bytes) of each complete file waiting in ``directory``, oldest name first.

    Temporary files (dot-names) and subfolders are skipped.
    """
    directory = Path(directory)
    if not directory.is_dir():
        return
    for path in sorted(directory.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            yield path, path.read_bytes()


def archive(path: Path | str, folder: str = PROCESSED) -> Path:
    """Move a handled file into ``<its dir>/processed/`` (atomic rename within the folder)."""
    path = Path(path)
    target_dir = path.parent / folder
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    os.replace(path, target)
    _fsync_dir(path.parent)
    return target


def receipt_filename(xml_bytes: bytes) -> str:
    """``<type>_<guid>.xml``, e.g. ``CEB312_4CDE1CFD-….xml``."""
    root = parse_xml(xml_bytes)
    kind = etree.QName(root).localname.removesuffix("Message")
    return f"{kind}_{root.get('guid')}.xml"


def run_simulator_once(outbox: Path | str, inbox: Path | str, simulator: CustomsSimulator,
                       state_file: Path | str) -> list[Path]:
    """Feed every new outbox file to the simulator; write its receipts to the inbox.

    Order per file: receipts, then the state (which records the file's hash), then the move to
    ``outbox/sent-archive``. A crash before the move leaves a file the next run recognises by its
    hash and only archives. Returns the receipt paths written.
    """
    inbox, state_file = Path(inbox), Path(state_file)
    inbox.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for path, data in read_inbox(outbox):
        digest = hashlib.sha256(data).hexdigest()
        if simulator.state.processed.get(path.name) != digest:
            for receipt in simulator.receive(data):
                target = inbox / receipt_filename(receipt)
                write_atomic(target, receipt)
                written.append(target)
            simulator.state.processed[path.name] = digest
            write_atomic(state_file, simulator.state.to_json().encode("utf-8"))
        archive(path, SENT_ARCHIVE)
    return written
