"""The export document (journal.data.export) as other files: the entries as CSV for a spreadsheet,
and the journal as readable Markdown. Pure: the document dict in, text out."""
import csv
import io
import re
from datetime import date, datetime, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from journal.i18n import day_text, range_text
from journal.weeks import parse_week, week_of

CSV_FIELDS = ("id", "day", "kind", "text", "meaning", "helped", "hindered", "learned",
              "try_next", "tags", "goal", "created_at", "updated_at")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBERED = re.compile(r"^(\d+)([.)])(\s|$)")  # "3. x" would start a numbered list
EXTENSIONS = {"json": "json", "csv": "csv", "markdown": "md"}


def download_name(day, kind):
    """The file name of a download: progress-journal-2026-11-27.json (or .csv, .md)."""
    return f"progress-journal-{day.isoformat()}.{EXTENSIONS[kind]}"


# -- CSV -------------------------------------------------------------------------------------

def safe_cell(value):
    """A cell a spreadsheet shows as text: one that starts like a formula (= + - @) gets a
    leading apostrophe, so opening the file never runs anything."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def entries_csv(document):
    """One row per entry, newest first; tags joined by ", "; the goal by its title. Starts with
    a byte-order mark, so spreadsheet programs read the file as UTF-8."""
    titles = {goal["id"]: goal["title"] for goal in document.get("goals", [])}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for entry in document.get("entries", []):
        row = {**entry, "tags": ", ".join(entry["tags"]),
               "goal": titles.get(entry["goal_id"], "")}
        writer.writerow([safe_cell(row[field]) for field in CSV_FIELDS])
    return "\ufeff" + buffer.getvalue()


# -- Markdown --------------------------------------------------------------------------------

def markdown_of(document, locale="en"):
    """The journal to read: week by week, newest first, each week's entries by day (setbacks
    with what was learned), then that week's review; the goals of the circle at the end."""
    user = document.get("user", {})
    zone = user.get("timezone") or "UTC"
    exported = _day(_local_day(document["exported_at"], zone), locale)
    title = _("Progress Journal of %(name)s", name=_line(user.get("display_name", "")))
    lines = ["# " + title, "", _("Exported on %(day)s.", day=exported), ""]
    reviews = {review["week"]: review for review in document.get("reviews", [])}
    by_week = {}
    for entry in document.get("entries", []):
        by_week.setdefault(week_of(date.fromisoformat(entry["day"])), []).append(entry)
    weeks = sorted(set(by_week) | set(reviews), reverse=True)
    if not weeks:
        lines += [_("Nothing written yet."), ""]
    for week in weeks:
        lines += _week(week, by_week.get(week, []), reviews.get(week), locale)
    lines += _goals(document.get("goals", []), locale, zone)
    return "\n".join(lines).rstrip() + "\n"


def _week(week, entries, review, locale):
    monday = parse_week(week)
    year, number = week.split("-W")
    days = range_text(monday, monday + timedelta(days=6), locale)
    lines = ["## " + _("Week %(number)s, %(year)s", number=int(number), year=year),
             "", f"*{days}*", ""]
    ordered = sorted(entries, key=lambda e: (e["day"], e["created_at"]))
    for day, on_day in groupby(ordered, key=lambda e: e["day"]):
        lines += [f"### {_day(day, locale, 'weekday')}", ""]
        for entry in on_day:
            lines += _entry(entry)
        lines.append("")
    if review:
        lines += _review(review)
    return lines


def _entry(entry):
    if entry["kind"] == "setback":
        lines = ["- **" + _("Not yet:") + "** " + _line(entry["text"])]
    else:
        lines = [f"- {_line(entry['text'])}"]
    details = []
    if entry["meaning"]:
        details.append(_("meaning %(num)s of 5", num=entry["meaning"]))
    details += [f"#{_line(tag)}" for tag in entry["tags"]]
    if details:
        lines.append(f"  *{' · '.join(details)}*")
    for field, label in ((("learned", _("What I learned:")), ("try_next", _("Next I will try:")),
                          ("helped", _("What helped:")), ("hindered", _("What got in the way:")))):
        if entry.get(field):
            lines.append(f"  - {label} {_line(entry[field])}")
    return lines


def _review(review):
    lines = ["### " + _("Looking back on the week"), ""]
    if review["improved"]:
        lines += [_("What improved:"), ""] + [f"- {_line(item)}" for item in review["improved"]]
        lines.append("")
    for field, label in (("next_week", _("Next week:")), ("help_wanted", _("Help I would like:"))):
        if review[field]:
            lines += [f"{label} {_line(review[field])}", ""]
    if review["scale"] is not None:
        lines += [_("Where I am, from 0 to 10: %(num)s", num=review["scale"]), ""]
    needs = review.get("needs") or {}
    named = {"autonomy": _("autonomy"), "competence": _("competence"),
             "relatedness": _("relatedness")}
    rated = [f"{named[need]} {value}/5" for need, value in needs.items()
             if value is not None and need in named]
    if rated:
        lines += [_("How I felt: %(needs)s", needs=", ".join(rated)), ""]
    return lines


def _goals(goals, locale, zone):
    lines = ["## " + _("Goals in the circle"), ""]
    if not goals:
        return lines + [_("No goals yet."), ""]
    for ring, title in (("inner", _("Inside: progress achieved")),
                        ("outer", _("Outside: progress still to achieve"))):
        in_ring = [goal for goal in goals if goal["ring"] == ring]
        if not in_ring:
            continue
        lines += [f"### {title}", ""]
        for goal in in_ring:
            lines.append(f"- **{_line(goal['title'])}**")
            if goal["moved_inner_at"]:
                day = _day(_local_day(goal["moved_inner_at"], zone), locale)
                lines.append("  *" + _("achieved on %(day)s", day=day) + "*")
            if goal["why"]:
                lines.append("  " + _("Why it matters:") + " " + _line(goal["why"]))
            lines += [f"  - [{'x' if step['done'] else ' '}] {_line(step['text'])}"
                      for step in goal["steps"]]
        lines.append("")
    return lines


def _day(iso_day, locale, kind="long"):
    return day_text(date.fromisoformat(iso_day), kind, locale)


def _local_day(moment, zone):
    """The day an ISO 8601 moment falls on in the journal's own time zone (YYYY-MM-DD)."""
    return datetime.fromisoformat(moment).astimezone(ZoneInfo(zone)).date().isoformat()


def _line(text, indent="  "):
    """User text as Markdown that shows exactly what was written: characters that would make
    HTML, a link, code or emphasis are escaped (a heading, quote or list only at a line's
    start), and each line break becomes a hard break indented to stay inside its list item
    (blank lines would end it, so they are dropped)."""
    lines = []
    for line in str(text).splitlines():
        line = " ".join(line.split())
        for char in "\\`*_[]<":
            line = line.replace(char, "\\" + char)
        if line:
            lines.append(_plain_start(line))
    return ("  \n" + indent).join(lines)


def _plain_start(line):
    """Escape what would turn a line into a heading, quote, list item, or rule."""
    numbered = NUMBERED.match(line)
    if numbered:
        return numbered[1] + "\\" + line[len(numbered[1]):]
    return "\\" + line if line[0] in "#>-+=" else line
