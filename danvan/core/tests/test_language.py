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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_language_links_in_the_browser_come_back_to_the_same_page(page, login, accounts):
    """The browser sends the page as the Referer (same-origin policy): the link comes back to it,
    query string included, in the chosen language; the choice holds across pages and logins."""
    page.goto(f"{page.base_url}/public/follow/?code=DV-0000-0000")
    assert "Không có đơn nào mang mã theo dõi này" in page.content()
    page.click("a[hreflang=en]")
    assert page.url == f"{page.base_url}/public/follow/?code=DV-0000-0000"
    assert page.inner_text("h1") == "Follow a petition"
    assert page.get_attribute("a[hreflang=en]", "aria-current") == "true"
    login("coordinator")
    assert "Overview" in page.content()
    page.click("a[hreflang=vi]")
    assert page.inner_text("html").count("Tổng quan") >= 1 and page.get_attribute("html", "lang") == "vi"
