"""System checks for running in production (``manage.py check --deploy``).

The secret key signs sessions, password resets and CSRF tokens: one that is in the
repository lets anyone forge an editor's session. ``refuse_development_key`` is also called by
the WSGI application at start-up, so a server with DEBUG off never serves on it.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

SECRET_KEY_MESSAGE = (
    "未设置 PORTAL_SECRET_KEY：生产环境不能使用代码库中的开发密钥 "
    "(PORTAL_SECRET_KEY is not set: with PORTAL_DEBUG off the portal will not run on the "
    "development key in the repository)"
)
SECRET_KEY_HINT = (
    "Set PORTAL_SECRET_KEY to a long random value, e.g. "
    "python -c 'import secrets; print(secrets.token_urlsafe(50))', or PORTAL_DEBUG=1 for "
    "development."
)


def uses_development_key() -> bool:
    return not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    if uses_development_key():
        return [Error(SECRET_KEY_MESSAGE, hint=SECRET_KEY_HINT, id="portal.E001")]
    return []


def refuse_development_key() -> None:
    if uses_development_key():
        raise ImproperlyConfigured(f"{SECRET_KEY_MESSAGE}. {SECRET_KEY_HINT}")
