import pytest


@pytest.mark.django_db
def test_interface_is_vietnamese_even_when_the_browser_asks_for_english(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


@pytest.mark.django_db
def test_english_when_chosen_with_the_language_switch(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"}, follow=True)
    assert response.headers["Content-Language"] == "en"
    assert "Log in" in response.content.decode()
