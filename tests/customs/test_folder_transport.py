"""Folder exchange: atomic writes, idempotent outbox, each file processed once."""

from __future__ import annotations

import os

import pytest

from haitao.customs import CustomsSimulator, SimulatorState, archive, build, parse, read_inbox, write_outbox
from haitao.customs import folder_transport as ft


def test_write_outbox_is_atomic_and_idempotent(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append((os.path.basename(src), open(src, "rb").read()))
        assert not os.path.exists(dst)  # the final name appears only by the rename
        real_replace(src, dst)

    monkeypatch.setattr(ft.os, "replace", spy)
    path = write_outbox(tmp_path, "CEB311_1.xml", b"<x/>")
    assert path.read_bytes() == b"<x/>" and seen[0][0].startswith(".CEB311_1.xml.") and seen[0][1] == b"<x/>"
    write_outbox(tmp_path, "CEB311_1.xml", b"<x/>")  # same content: no-op
    assert len(seen) == 1
    with pytest.raises(FileExistsError):
        write_outbox(tmp_path, "CEB311_1.xml", b"<y/>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["CEB311_1.xml"]  # no temp files left


def test_failed_write_leaves_nothing(tmp_path, monkeypatch):
    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(ft.os, "replace", boom)
    with pytest.raises(OSError):
        write_outbox(tmp_path, "a.xml", b"<x/>")
    assert list(tmp_path.iterdir()) == []


def test_read_inbox_skips_temp_files_and_archive_moves(tmp_path):
    (tmp_path / ".a.xml.123.tmp").write_bytes(b"half")
    (tmp_path / "b.xml").write_bytes(b"<b/>")
    items = list(read_inbox(tmp_path))
    assert [(p.name, data) for p, data in items] == [("b.xml", b"<b/>")]
    moved = archive(items[0][0])
    assert moved == tmp_path / "processed" / "b.xml" and not (tmp_path / "b.xml").exists()
    assert list(read_inbox(tmp_path)) == []


def test_run_simulator_once_processes_each_file_once(tmp_path, docs, signer):
    outbox, inbox, state_file = tmp_path / "out", tmp_path / "in", tmp_path / "state.json"
    for n, msg in enumerate((docs.ceb311(), docs.ceb411(), docs.ceb511())):
        write_outbox(outbox, f"{n}_{type(msg).__name__}_{msg.guid}.xml", build(msg))
    write_outbox(outbox, f"3_CEB621_{docs.inventory.head.guid}.xml", build(docs.ceb621(), signer))

    written = ft.run_simulator_once(outbox, inbox, CustomsSimulator(state=SimulatorState.load(state_file)), state_file)
    kinds = sorted(p.name.split("_")[0] for p in written)
    assert kinds == ["CEB312", "CEB412", "CEB512", "CEB622", "CEB622", "CEB816"]
    for path in written:
        assert path.name == f"{path.name.split('_')[0]}_{parse(path.read_bytes()).guid}.xml"
    assert [p.name for p in outbox.iterdir()] == ["sent-archive"]

    again = ft.run_simulator_once(outbox, inbox, CustomsSimulator(state=SimulatorState.load(state_file)), state_file)
    assert again == [] and len(list(inbox.iterdir())) == 6


def test_file_left_by_a_crash_after_processing_is_only_archived(tmp_path, docs):
    outbox, inbox, state_file = tmp_path / "out", tmp_path / "in", tmp_path / "state.json"
    path = write_outbox(outbox, "order.xml", build(docs.ceb311()))
    ft.run_simulator_once(outbox, inbox, CustomsSimulator(), state_file)
    os.replace(outbox / "sent-archive" / "order.xml", path)  # as if the move had not happened
    state = SimulatorState.load(state_file)
    assert ft.run_simulator_once(outbox, inbox, CustomsSimulator(state=state), state_file) == []
    assert len(list(inbox.iterdir())) == 1
