import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

# Load the jieba user dictionary (~2 s) when the server process starts, not on the first
# reader's search.
from reports.search.analysis import get_dictionary  # noqa: E402

get_dictionary()
