"""The privacy page (issue 14, item 15): public, it says plainly who can see what (colleagues
and managers: only what you share; the people who run the app: the database), shows what the
operator promised in their own words, and is linked from sign-up, log-in and settings."""
import re

PAGE = "/privacy"
NOT_WRITTEN = "The people who run this app have not written anything here yet."


def text(response):
    return response.get_data(as_text=True)


def main_part(html):
    return html.split('<main id="main">')[1].split("</main>")[0]


def test_anyone_can_read_who_can_see_what_before_signing_up(client):
    response = client.get(PAGE)
    assert response.status_code == 200
    html = main_part(text(response))
    assert "<h1>Who can see what</h1>" in html
    assert "They see your name, and only what you choose to share" in html
    assert "Whoever runs that server can reach that database, as with any hosted tool" in html
    assert NOT_WRITTEN in html, "no promise configured: the page says so"
    assert 'href="/signup"' in html and 'href="/login"' in html


def test_the_operators_promise_is_shown_in_their_words_and_never_as_markup(app, client):
    app.config["PRIVACY_OPERATOR_TEXT"] = (
        "Acme IT runs this app.\\n\\nOnly two admins can reach the database <b>ever</b>.")
    html = main_part(text(client.get(PAGE)))
    assert '<p class="operator-text">Acme IT runs this app.</p>' in html
    assert "Only two admins can reach the database &lt;b&gt;ever&lt;/b&gt;." in html
    assert NOT_WRITTEN not in html


def test_dutch_readers_get_the_dutch_promise_when_there_is_one(app, client):
    app.config.update(PRIVACY_OPERATOR_TEXT="Acme IT runs this app.",
                      PRIVACY_OPERATOR_TEXT_NL="Acme IT beheert deze app.")
    assert "Acme IT runs this app." in text(client.get(PAGE))
    client.get("/language/nl")
    dutch = text(client.get(PAGE))
    assert "Acme IT beheert deze app." in dutch and "Acme IT runs this app." not in dutch


def test_signed_in_the_page_has_the_app_around_it_and_leads_to_your_data(journal):
    html = text(journal.client.get(PAGE))
    assert 'class="tabs"' in html
    assert 'href="/settings/data"' in main_part(html)


def test_sign_up_promises_only_what_is_true_and_links_the_page(client):
    html = text(client.get("/signup"))
    assert "Only what you choose to share is ever seen by anyone else" not in html
    assert ("Your journal is private: colleagues and managers see only what you choose to "
            "share.") in html
    assert re.search(r'<a class="text-link" href="/privacy">Who can see what</a>',
                     main_part(html))


def test_the_login_page_and_settings_link_the_page(app, journal):
    footer = text(app.test_client().get("/login")).split("</main>")[1]
    assert '<a href="/privacy">Who can see what</a>' in footer
    settings = main_part(text(journal.client.get("/settings")))
    assert 'href="/privacy"' in settings


def test_the_page_speaks_dutch(client):
    """Waits for the Dutch catalogue (the lead merges /tmp/work/nl-people.json)."""
    client.get("/language/nl")
    html = main_part(text(client.get(PAGE)))
    assert "<h1>Wie kan wat zien</h1>" in html
    assert "Collega’s en leidinggevenden" in html
