"""Signing in with the company (tests.oidc_provider's real provider) through the test client."""
from journal.models import CompanySignIn, User


def start(client, timezone="Europe/Amsterdam", language="en", **args):
    """Press the company button (on a browser in `language`): the redirect to the provider's
    authorization endpoint."""
    response = client.get("/login/oidc", query_string={"timezone": timezone, **args},
                          headers={"Accept-Language": language})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def company_sign_in(client, provider, login, language="en", **claims):
    """Sign in as `login` at the provider (with these claims, when given), all the way back to
    the app's callback; returns the callback's response."""
    if claims:
        provider.set_account(login, **claims)
    callback = provider.sign_in(start(client, language=language), login)
    return client.get(callback)


def signed_in_as(client):
    """The address of whoever this browser is logged in as, or None."""
    response = client.get("/api/v1/session")
    return response.get_json()["user"]["email"] if response.status_code == 200 else None


def links_of(email):
    """The company sign-ins of the account with this address: [(issuer, subject)]."""
    user = User.by_email(email)
    return [(row.issuer, row.subject)
            for row in CompanySignIn.select().where(CompanySignIn.user == user)]
