"""The privacy page: who can see what, in plain words, and what the people who run this app
promise (their own words, from the configuration). Public, so it can be read before signing
up."""
from flask import Blueprint, current_app, render_template
from flask_babel import get_locale

from journal.privacy.rules import operator_text, paragraphs

bp = Blueprint("privacy", __name__)


@bp.get("/privacy")
def show():
    """Who can see what: colleagues and managers, and the people who run the app."""
    language = get_locale().language if get_locale() else "en"
    promise = paragraphs(operator_text(current_app.config, language))
    return render_template("privacy/show.html", promise=promise)
