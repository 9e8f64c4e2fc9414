"""Privacy: the public page that says plainly who can see what (/privacy)."""


def init_app(app):
    """The privacy page."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.privacy import views

    app.register_blueprint(views.bp)
