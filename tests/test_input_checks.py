"""NUL characters never reach a view (PostgreSQL refuses them in text values)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_parameter_is_dropped_before_any_view_reads_it(client, rf):
    from reports.input_checks import DropNulCharacters

    seen = {}

    def view(request):
        seen.update(request.GET.lists())
        return None

    DropNulCharacters(view)(rf.get("/courts/", {"q": "巴\x00彦", "x\x00": "1"}))
    assert seen == {"q": ["巴彦"], "x": ["1"]}


def test_a_nul_in_the_path_is_a_clear_refusal(client):
    response = client.get("/feeds/provinces/%00/")
    assert response.status_code == 400
    assert "无效字符" in response.content.decode()


@pytest.mark.parametrize("url", ["/courts/?q=%00", "/api/courts?q=%00", "/initiatives/?q=%00"])
def test_pages_answer_a_nul_parameter_as_if_it_were_empty(client, url):
    assert client.get(url).status_code == 200
