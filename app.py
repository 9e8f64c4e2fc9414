"""Entry point: `flask --app app ...` and `gunicorn app:app` build the app here."""
from journal import create_app

app = create_app()
