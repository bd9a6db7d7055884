"""Serve the app with waitress in one or more processes sharing one listening socket.

Waitress runs requests in threads of one process, so Python's lock lets one request compute at a time: on a
2-core machine half the CPU sat idle while eight clients queued. With `processes > 1` the parent binds the
port, forks that many waitress processes, and restarts any that dies. On Linux each process binds its own
socket to the port with SO_REUSEPORT and the kernel spreads new connections over them by a hash; with one
shared listening socket the first process won most accept races (and, browsers keeping connections open, all
their requests): in one run it computed twice the other's share while a core idled. A connection stays with
its process, so a few clients can still land unevenly; many clients even out. Each process keeps its own
database connections (closed before forking). The background worker runs in the first process only.
"""

import gc
import logging
import os
import signal
import socket
import sys
import time

log = logging.getLogger("keepwarm.serve")


def default_processes() -> int:
    """Two per core, at most 8 (one where there is no fork).

    More processes than cores, each with few threads, answered eight clients on two cores fastest: the
    operating system shares the cores among processes better than Python's lock shares one process among its
    threads. Today's p95 in runs at loads of 1-4 from other work: 180-210 ms with 8 processes of 1-2 threads,
    290-310 ms with 1 or 2 processes of 8 threads, 460 ms with 4 x 4 (bench/web_bench.py --processes/--threads).
    """
    if not hasattr(os, "fork"):
        return 1
    return max(1, min(8, 2 * (os.cpu_count() or 1)))


DEFAULT_THREADS = 2


def bind(host: str, port: int, *, reuse_port: bool = False) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family, backlog=1024, reuse_port=reuse_port)


def _own_sockets() -> bool:
    # Linux balances connections over sockets sharing a port; elsewhere SO_REUSEPORT means something else.
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _run_one(application, sock, threads: int, *, with_worker: bool) -> None:
    from waitress import serve

    if with_worker:
        from keepwarm.worker import start_in_thread

        start_in_thread()
    serve(application, sockets=[sock], threads=threads, ident="keepwarm", _quiet=True)


def preload() -> None:
    """Import every view (through the URLconf) and compile the base template before forking, so the processes
    share them and none pays for them on its first request (seconds: some apps import numpy or scikit-learn)."""
    from django.template.loader import get_template
    from django.urls import get_resolver, reverse

    get_resolver().url_patterns
    reverse("web:today")
    get_template("base.html")


# Up to this much of the SQLite file is read through a memory map (SQLite maps no more than the file's size).
MMAP_BYTES = 256 * 2**20


def map_sqlite_reads() -> None:
    """Make each SQLite connection opened from now on read the file through a memory map.

    A page view makes hundreds of index seeks; mapped, they read the OS page cache that all the server's
    processes share, instead of each connection copying pages into its own 2 MB cache: 1-2 ms less per page at
    the benchmark's full size. Only the server asks for it: mapped pages count in a process's resident size, and
    for a one-off command (an mbox import) that grew with the database for no gain."""
    from django.db.backends.signals import connection_created

    connection_created.connect(_mmap, dispatch_uid="keepwarm-sqlite-mmap")


def _mmap(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")


def serve(application, host: str, port: int, *, threads: int, processes: int, with_worker: bool) -> None:
    from django.db import connections

    map_sqlite_reads()
    connections.close_all()  # the next connection, in this process or a child, maps the file
    preload()
    # What start-up made stays for the process's life: frozen, the collector stops walking it. A full
    # collection over it took ~70 ms (a request stalled that long, and its process with it, every few hundred
    # requests), and the children no longer write to the pages they share with this process by walking them.
    gc.collect()
    gc.freeze()
    if processes <= 1:
        _run_one(application, bind(host, port), threads, with_worker=with_worker)
        return
    own = _own_sockets()
    # Fail here, once, if the port is taken. With SO_REUSEPORT this probe is closed before the children bind
    # their own sockets: a listening socket nobody accepts on would still be handed connections.
    sock = bind(host, port, reuse_port=own)
    if own:
        sock.close()

    connections.close_all()  # a connection must never be shared across fork
    children: dict[int, int] = {}  # pid -> slot

    def start(slot: int) -> None:
        pid = os.fork()
        if pid == 0:  # the child serves until it is told to stop
            signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                mine = bind(host, port, reuse_port=True) if own else sock
                _run_one(application, mine, threads, with_worker=with_worker and slot == 0)
            finally:
                os._exit(1)
        children[pid] = slot

    def stop(*_):
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        sys.exit(0)

    for slot in range(processes):
        start(slot)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        pid, status = os.wait()
        slot = children.pop(pid, None)
        if slot is None:
            continue
        log.error("keepwarm: web process %s ended (status %s); starting another", pid, status)
        time.sleep(1)  # a process that dies at once must not spin
        start(slot)
