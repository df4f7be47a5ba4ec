"""Parse uploads queued by the admin's upload page (large files), one at a time.

    python manage.py ingest_worker          # run until stopped (SIGTERM/SIGINT: after the job)
    python manage.py ingest_worker --once   # drain the queue and exit (cron, tests)

Run one beside the web server (``make serve`` does). Several workers may run: each job is
claimed by exactly one.
"""

import signal

from django.core.management.base import BaseCommand

from reports.loading.worker import drain


class Command(BaseCommand):
    help = "Parse the uploads waiting in the background queue."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="exit when the queue is empty")
        parser.add_argument("--poll", type=float, default=1.0, help="seconds between looks")

    def handle(self, *args, once, poll, **options):
        stopping = []

        def stop(signum, frame):
            stopping.append(signum)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        done = drain(once=once, poll=poll, stop=lambda: bool(stopping))
        self.stdout.write(f"parsed {done} queued upload(s)")
