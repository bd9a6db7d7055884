"""The background loop: a list of small steps, healthchecks' `sendalerts` style.

Each step is a callable `step(now) -> bool` returning True when it did some work (so the loop
runs again at once) and False when there was nothing to do. Steps claim their rows with a
conditional UPDATE, so several `keepwarm worker` processes can share one PostgreSQL database.
Apps contribute steps through a `steps` module exposing `STEPS = [...]`.
"""

import logging
import signal
import threading
import time
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

log = logging.getLogger("keepwarm.worker")


def all_steps():
    from keepwarm.lib.dbstats import daily_step

    steps = [daily_step]
    for app in settings.KEEPWARM_APPS:
        module = f"{app}.steps"
        if find_spec(module) is not None:
            steps.extend(import_module(module).STEPS)
    return steps


def run_once(steps=None) -> bool:
    """Run every step once; True when any of them did work."""
    did_work = False
    for step in steps if steps is not None else all_steps():
        if not connection.in_atomic_block:
            # Between steps, drop connections the database closed; never inside a transaction (tests run the
            # steps inside one, and closing there would break it).
            close_old_connections()
        try:
            did_work = bool(step(timezone.now())) or did_work
        except Exception:  # one failing step must not stop the others
            log.exception("worker step %s failed", getattr(step, "__name__", step))
    return did_work


class Worker:
    def __init__(self, idle_seconds: float = 30.0):
        self.idle_seconds = idle_seconds
        self.stopping = threading.Event()

    def stop(self, *_):
        self.stopping.set()

    def loop(self, max_rounds: int | None = None):
        steps = all_steps()
        rounds = 0
        while not self.stopping.is_set():
            worked = run_once(steps)
            rounds += 1
            if max_rounds is not None and rounds >= max_rounds:
                break
            if not worked:
                self.stopping.wait(self.idle_seconds)


def start_in_thread() -> Worker:
    """The single-user default: `keepwarm serve` runs the worker beside the web server."""
    worker = Worker()
    threading.Thread(target=worker.loop, name="keepwarm-worker", daemon=True).start()
    return worker


def run_forever(idle_seconds: float = 30.0):
    worker = Worker(idle_seconds)
    signal.signal(signal.SIGTERM, worker.stop)
    signal.signal(signal.SIGINT, worker.stop)
    log.info("worker started")
    started = time.monotonic()
    worker.loop()
    log.info("worker stopped after %.0f s", time.monotonic() - started)
