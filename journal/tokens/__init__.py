"""Personal API tokens: make, list and revoke them, and what each may do (scopes, expiry)."""


def init_app(app):
    """The token settings page, its API, and the token policy on every API request."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.tokens import api, policy, views

    policy.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
