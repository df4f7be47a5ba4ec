import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

# No server with DEBUG off runs on the development key (DESIGN.md, contract — operations).
from reports.checks import refuse_development_key  # noqa: E402

refuse_development_key()

# Load the jieba user dictionary (~2 s) when the server process starts, not on the first
# reader's search.
from reports.search.analysis import get_dictionary  # noqa: E402

get_dictionary()
