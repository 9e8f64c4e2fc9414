"""Accounts: sign up, log in, log out, passwords (and resetting a forgotten one), verified
e-mail addresses, company sign-in (OpenID Connect), personal settings, and deleting an
account."""


def init_app(app):
    """The log-in machinery, the account and settings pages, and the session APIs."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.accounts import (
        api,
        auth,
        company_views,
        provider,
        recovery,
        settings,
        verification,
    )
    from journal.push.devices import kind_label

    provider.init_app(app)
    auth.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(company_views.bp)
    app.register_blueprint(settings.bp)
    app.register_blueprint(verification.bp)
    app.register_blueprint(recovery.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(api.sessions_bp)
    app.add_template_filter(kind_label, "device_name")  # a stored device kind, in words
