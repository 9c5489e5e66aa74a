"""The queue of SQLite writers: an OS lock on a file beside the database, held only inside the block."""

import subprocess
import sys
from types import SimpleNamespace

import pytest

from danvan.core.db import sqlite_writer_queue

TRY_LOCK = """
import fcntl, os, sys
descriptor = os.open(sys.argv[1], os.O_RDWR)
try:
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
except BlockingIOError:
    print("taken")
else:
    print("free")
"""


def another_process_finds(lock_file) -> str:
    return subprocess.run(
        [sys.executable, "-c", TRY_LOCK, str(lock_file)], capture_output=True, text=True, check=True
    ).stdout.strip()


def fake_connection(vendor, name, in_memory=False):
    return SimpleNamespace(vendor=vendor, settings_dict={"NAME": name}, is_in_memory_db=lambda: in_memory)


def test_other_processes_wait_while_the_block_runs(tmp_path):
    database = tmp_path / "db.sqlite3"
    with sqlite_writer_queue(fake_connection("sqlite", database)):
        assert another_process_finds(f"{database}-writers") == "taken"
    assert another_process_finds(f"{database}-writers") == "free"


def test_the_lock_is_released_when_the_write_fails(tmp_path):
    database = tmp_path / "db.sqlite3"
    with pytest.raises(ValueError), sqlite_writer_queue(fake_connection("sqlite", database)):
        raise ValueError("the statement failed")
    assert another_process_finds(f"{database}-writers") == "free"


def test_nothing_to_queue_elsewhere(tmp_path):
    for connection in (
        fake_connection("postgresql", "danvan"),
        fake_connection("sqlite", tmp_path / "memory.sqlite3", in_memory=True),
    ):
        with sqlite_writer_queue(connection):
            pass
    assert list(tmp_path.iterdir()) == []
