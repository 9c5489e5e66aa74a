"""Production settings of the web server: `gunicorn danvan.wsgi` started in this folder reads this
file (gunicorn's default configuration file); bench/bench_citizens.py measures with it.

Sync workers, as many as gunicorn's documentation advises to start with: two per core plus one, so
that a core never idles while a worker waits on the database or the network. WEB_CONCURRENCY
overrides the count; PORT (or --bind) sets the address, as gunicorn itself reads them.
"""

import os

cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * cores + 1))
