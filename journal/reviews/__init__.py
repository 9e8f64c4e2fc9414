"""The weekly "what improved" review, by page and by API."""
from flask_babel import lazy_gettext as _l


def init_app(app):
    """The review pages and API, and the Review tab."""
    # Imported when the app is built, so that importing the package's rules never loads its views.
    from journal.reviews import api, views
    from journal.web import add_tab

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    add_tab(app, 30, "reviews.index", _l("Review"), covers=["reviews"], icon="review")
