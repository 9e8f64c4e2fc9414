"""The floor: a bare Flask page with one indexed query and a small template (not the journal).

bench/floor.py serves it with gunicorn exactly as the journal is served (`gunicorn.conf.py`, the
settings of `make serve`) on the same database, so a page's time divided by this page's time
says how far the page is from what Python, Flask and gunicorn allow on this machine.

It reads FLOOR_DATABASE_URL (sqlite:///path or postgresql://...) and shows the newest entries
of one day of the first user: the query uses the entry table's (user, day, created_at) index,
as the journal's home page does. One connection per thread, kept open.
"""
import os
import threading
from datetime import date

from flask import Flask, render_template
from jinja2 import DictLoader

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Floor</title>
</head><body><h1>{{ day }}</h1><ul>{% for text, kind in entries %}
<li class="{{ kind }}">{{ text }}</li>{% endfor %}</ul></body></html>"""

app = Flask(__name__)
app.jinja_loader = DictLoader({"floor.html": PAGE})
_local = threading.local()


def _connect(url):
    if url.startswith("sqlite:///"):
        import sqlite3
        return sqlite3.connect(url.removeprefix("sqlite:///"), check_same_thread=False), "?"
    import psycopg2
    connection = psycopg2.connect(url)
    connection.autocommit = True
    return connection, "%s"


def _connection():
    if not hasattr(_local, "connection"):
        _local.connection, _local.mark = _connect(os.environ["FLOOR_DATABASE_URL"])
        cursor = _local.connection.cursor()
        cursor.execute('SELECT id FROM "user" ORDER BY created_at LIMIT 1')
        _local.user_id = cursor.fetchone()[0]
    return _local.connection


@app.get("/floor")
def floor():
    """The newest entries of today (or ?day=YYYY-MM-DD) of the first user."""
    connection = _connection()
    day = date.today().isoformat()
    cursor = connection.cursor()
    cursor.execute(f'SELECT text, kind FROM entry WHERE user_id = {_local.mark} AND '
                   f'day = {_local.mark} ORDER BY created_at DESC LIMIT 20',
                   (_local.user_id, day))
    return render_template("floor.html", day=day, entries=cursor.fetchall())


@app.get("/healthz")
def healthz():
    """Ready (bench/floor.py waits for this before timing)."""
    return "ok"
