"""Pages with a heavy day: the bench's five-year journal plus 460 entries today (half of them
at the same created_at), timed in-process like bench/latency.py: the home page and the
timeline must stay bounded however much one day holds (an import, an outbox flushed at once).

    .venv/bin/python bench/heavy_day.py [--iterations 100]
"""
import argparse
import random
import sys
import tempfile
import uuid
from datetime import datetime, timezone
from pathlib import Path

import latency
from common import OtherPrograms, fresh_database, markdown_table, summary_ms

from journal.clock import local_today
from journal.db import close_database, database
from journal.models import Entry, User

EXTRA_TODAY = 460


def add_heavy_day(app, today):
    rng = random.Random(17)
    with app.app_context(), database.connection_context(), database.atomic():
        user = User.get(User.email == latency.EMAIL)
        same = datetime.combine(today, datetime.min.time()).replace(hour=12)
        rows = []
        for n in range(EXTRA_TODAY):
            row, _tags = latency.entry_row(user, today, rng)
            row["id"] = uuid.UUID(int=rng.getrandbits(128), version=4)
            if n % 2:
                row["created_at"] = row["updated_at"] = same
            rows.append(row)
        for start in range(0, len(rows), 200):
            Entry.insert_many(rows[start:start + 200]).execute()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="journal-heavy-") as tmp:
        tmp = Path(tmp)
        url = f"sqlite:///{tmp / 'journal.sqlite3'}"
        fresh_database(url)
        app = latency.build_app(url, tmp / "instance")
        today = local_today(datetime.now(timezone.utc), latency.TIMEZONE)
        latency.seed(app, today)
        add_heavy_day(app, today)
        client, _token = latency.logged_in_client(app)
        anonymous = app.test_client()
        anonymous.environ_base["HTTP_ACCEPT_ENCODING"] = latency.BROWSER_ACCEPT_ENCODING
        cases = [("GET / (460+ today)", client, "/"),
                 ("GET /timeline (460+ today)", client, "/timeline"),
                 ("GET /settings", client, "/settings"),
                 ("GET /signup (logged out)", anonymous, "/signup")]
        rows = []
        for label, who, path in cases:
            with OtherPrograms() as others:
                wall, cpu = latency.time_requests(who, lambda c, p=path: c.get(p), 200,
                                                  args.iterations, 20)
            median, p95 = summary_ms(wall)
            size = len(latency.page_text(who.get(path)))
            rows.append([label, f"{median:.2f}", f"{p95:.2f}", f"{summary_ms(cpu)[0]:.2f}",
                         size, f"{others.percent:.0f}%"])
            print(rows[-1], file=sys.stderr)
        close_database(database.obj)
    print(markdown_table(["request", "median ms", "p95 ms", "CPU median ms", "HTML bytes",
                          "others' CPU"], rows))


if __name__ == "__main__":
    main()
