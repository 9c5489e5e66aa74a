"""Database helpers shared by the apps."""

import os
from contextlib import contextmanager

try:
    import fcntl
except ImportError:  # Windows has no fcntl: there SQLite's busy handler alone makes writers wait
    fcntl = None

_lock_files: dict[tuple[int, str], int] = {}


@contextmanager
def sqlite_writer_queue(connection):
    """While the block runs, hold an OS lock on a file beside the SQLite database.

    SQLite lets one process write at a time. A process that finds the write lock taken sleeps in
    SQLite's busy handler for 1, then 2, 5, 10… ms before it tries again, even when the writer needed a
    fraction of a millisecond: with several app-server processes taking submissions, those sleeps,
    not the work, set the rate. Processes that queue on an OS lock instead are woken the moment it is
    released. It only orders the waiting: SQLite's own lock still keeps writes apart, so threads of one
    process, which share the descriptor and thus the lock, stay correct. Use it around a short
    autocommitted write on a hot path. Elsewhere (PostgreSQL queues lock waiters itself, an in-memory
    database has one process) it does nothing."""
    if fcntl is None or connection.vendor != "sqlite" or connection.is_in_memory_db():
        yield
        return
    descriptor = _lock_file(str(connection.settings_dict["NAME"]))
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)


def _lock_file(database: str) -> int:
    # Opened in each process: a descriptor inherited through fork shares its lock with the parent.
    key = (os.getpid(), database)
    if key not in _lock_files:
        _lock_files[key] = os.open(f"{database}-writers", os.O_RDWR | os.O_CREAT, 0o600)
    return _lock_files[key]
