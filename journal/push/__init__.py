"""Web push: VAPID keys, the subscription rules, devices, the sender and the push API."""


def init_app(app):
    """The VAPID keys and the push API."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.push import api, keys

    keys.init_app(app)
    app.register_blueprint(api.bp)
