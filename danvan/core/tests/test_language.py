import pytest


@pytest.mark.django_db
def test_interface_is_vietnamese_even_when_the_browser_asks_for_english(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


@pytest.mark.django_db
def test_english_when_chosen_with_the_language_switch(client):
    login = client.get("/accounts/login/?next=/plans/").content.decode()
    assert '<a href="/language/en/" lang="en" hreflang="en">English</a>' in login
    # The link goes back to the page it was on (the browser sends it as the Referer).
    response = client.get(
        "/language/en/", HTTP_REFERER="http://testserver/accounts/login/?next=/plans/", follow=True
    )
    assert response.redirect_chain == [("http://testserver/accounts/login/?next=/plans/", 302)]
    assert response.headers["Content-Language"] == "en"
    assert "Log in" in response.content.decode()
    assert (
        '<a href="/language/en/" lang="en" hreflang="en" aria-current="true">English</a>'
        in response.content.decode()
    )
    back = client.get("/language/vi/", {"next": "/accounts/login/"}, follow=True)
    assert back.redirect_chain == [("/accounts/login/", 302)] and back.headers["Content-Language"] == "vi"


@pytest.mark.django_db
def test_language_link_goes_back_only_to_this_site_and_knows_two_languages(client):
    for away in (
        client.get("/language/en/", {"next": "https://example.com/"}),
        client.get("/language/en/", HTTP_REFERER="https://example.com/page"),
        client.get("/language/en/"),
    ):
        assert (away.status_code, away.headers["Location"]) == (302, "/")
    assert "no-cache" in away.headers["Cache-Control"]
    assert client.get("/language/fr/").status_code == 404
