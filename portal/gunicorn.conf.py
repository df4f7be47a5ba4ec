"""gunicorn settings for `make serve` (production settings: PORTAL_DEBUG off).

    PORTAL_BIND=127.0.0.1:8000 PORTAL_WORKERS=3 gunicorn -c portal/gunicorn.conf.py portal.wsgi

The application is loaded once before the workers fork (``preload_app``): the jieba
dictionary (~2 s, ~100 MB) is read once and shared, and a missing PORTAL_SECRET_KEY stops the
server before any worker starts. Workers are replaced after ``max_requests`` so that memory a
large page once needed is given back.
"""

import multiprocessing
import os

bind = os.environ.get("PORTAL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("PORTAL_WORKERS", str(min(2 * multiprocessing.cpu_count() + 1, 8))))
threads = int(os.environ.get("PORTAL_THREADS", "2"))
timeout = int(os.environ.get("PORTAL_WORKER_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
preload_app = True
# A reverse proxy on this machine may set X-Forwarded-Proto (PORTAL_HTTPS) and -For.
forwarded_allow_ips = os.environ.get("PORTAL_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("PORTAL_ACCESS_LOG", "-")
errorlog = "-"
