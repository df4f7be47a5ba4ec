"""django-axes on the admin login: after AXES_FAILURE_LIMIT wrong passwords the right one
no longer opens the admin, and the page says why in Chinese."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "the-right-password-42"


@pytest.fixture
def editor(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return User.objects.create_user("editor", password=PASSWORD, is_staff=True, is_superuser=True)


def attempt(client, password, username="editor", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_the_right_password_works(client, editor):
    assert attempt(client, PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_locked_after_too_many_failures_even_with_the_right_password(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "wrong").status_code == 200  # the login form again
    assert attempt(client, "wrong").status_code == 429  # the last failure allowed
    locked = attempt(client, PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert f"登录失败已达 {settings.AXES_FAILURE_LIMIT} 次" in page
    assert f"{settings.AXES_COOLOFF_TIME.total_seconds():.0f} 秒" in page
    assert client.get("/admin/").status_code == 302  # not logged in


def test_another_client_is_not_locked_out(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD, REMOTE_ADDR="10.0.0.5").status_code == 302


def test_a_success_forgets_earlier_failures(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
