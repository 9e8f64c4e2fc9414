"""A day of journal use, for locust: people sign up, then mix reads and writes.

Run through bench/load.py (which starts gunicorn and checks the database afterwards); on its
own: `.venv/bin/locust -f bench/locustfile.py --headless -u 50 -r 10 -t 60s --host URL`.
"""
import json
import os
import random
import re
import uuid
from datetime import date, timedelta

from locust import HttpUser, between, events, task

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
PASSWORD = "correct horse battery"
ACKNOWLEDGED = []  # ids of entries the server answered 201 for
WORDS = ["intake", "Sam", "planning", "calmer", "archive", "feedback", "rota", "team", "demo"]


def this_week():
    year, week, _day = date.today().isocalendar()
    return f"{year}-W{week:02d}"


class Employee(HttpUser):
    """Someone who logs progress on their phone and looks back now and then."""

    wait_time = between(0.2, 1.0)

    def call(self, method, path, name=None, **kwargs):
        """A request; the cookies it set are then sent back over plain HTTP too (production
        cookies are Secure, and this test speaks plain HTTP to 127.0.0.1 only)."""
        response = self.client.request(method, path, name=name or path, **kwargs)
        for cookie in self.client.cookies:
            cookie.secure = False
        return response

    def on_start(self):
        page = self.call("GET", "/signup").text
        token = CSRF_META.search(page).group(1)
        self.call("POST", "/signup", allow_redirects=False, data={
            "csrf_token": token, "email": f"{uuid.uuid4().hex}@load.example.org",
            "password": PASSWORD, "display_name": "Load", "timezone": "Europe/Amsterdam",
            "language": random.choice(["en", "nl"])})
        self.csrf = CSRF_META.search(self.call("GET", "/").text).group(1)

    def api(self, method, path, name, **kwargs):
        """An API call with the page's CSRF token; anything but 2xx counts as a failure."""
        return self.call(method, path, name, headers={"X-CSRFToken": self.csrf}, **kwargs)

    @task(4)
    def log_progress(self):
        day = date.today() - timedelta(days=random.randint(0, 20))
        entry_id = str(uuid.uuid4())
        response = self.api("POST", "/api/v1/entries", "POST /api/v1/entries", json={
            "id": entry_id, "day": day.isoformat(),
            "text": f"Made progress on the {random.choice(WORDS)} with {random.choice(WORDS)}",
            "meaning": random.randint(1, 5), "tags": [random.choice(WORDS)]})
        if response.status_code == 201:
            ACKNOWLEDGED.append(entry_id)

    @task(3)
    def home(self):
        self.call("GET", "/", "/")

    @task(2)
    def timeline(self):
        self.call("GET", "/timeline", "/timeline")

    @task(1)
    def search(self):
        self.call("GET", f"/timeline?q={random.choice(WORDS)}", "/timeline?q=")

    @task(2)
    def list_entries(self):
        self.call("GET", "/api/v1/entries", "GET /api/v1/entries")

    @task(1)
    def review(self):
        week = this_week()
        self.call("GET", f"/reviews/{week}", "/reviews/<week>")
        self.api("PUT", f"/api/v1/reviews/{week}", "PUT /api/v1/reviews/<week>", json={
            "improved": [f"Calmer {random.choice(WORDS)}"], "scale": random.randint(0, 10)})

    @task(1)
    def goals(self):
        self.call("GET", "/goals", "/goals")

    @task(1)
    def chart(self):
        self.call("GET", "/api/v1/charts/progress?range=3m", "/api/v1/charts/<name>")

    @task(1)
    def conversations(self):
        self.call("GET", "/summaries", "/summaries")


@events.quitting.add_listener
def write_acknowledged(**_kwargs):
    """Leave the acknowledged ids for bench/load.py to look up in the database."""
    path = os.environ.get("LOAD_ACKNOWLEDGED_FILE")
    if path:
        with open(path, "w") as handle:
            json.dump(ACKNOWLEDGED, handle)
