"""Background work of citizens: the intake watcher that `danvan worker` runs beside its job loop."""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections

from danvan.core.audit import acting_as

logger = logging.getLogger(__name__)


def poll_seconds() -> float:
    """How often the watcher looks for new online submissions (CITIZENS_INTAKE_POLL_SECONDS, default 2)."""
    return float(getattr(settings, "CITIZENS_INTAKE_POLL_SECONDS", 2))


def watch_intakes(stop: threading.Event, interval: float | None = None) -> None:
    """Register waiting online submissions every `interval` seconds until `stop` is set.

    A failure is logged and retried at the next turn (each intake counts its own attempts), so one
    bad round never stops the watcher."""
    from . import services

    interval = poll_seconds() if interval is None else interval
    while not stop.wait(interval):
        try:
            with acting_as("job"):
                services.process_pending_intakes()
        except Exception:
            logger.exception("Registering online submissions failed; trying again in %s s.", interval)
        finally:
            close_old_connections()


def start_intake_watcher() -> threading.Event:
    """Start the watcher in a daemon thread; set the returned event to stop it."""
    stop = threading.Event()
    threading.Thread(target=watch_intakes, args=(stop,), name="intake-watcher", daemon=True).start()
    return stop
