"""What a team is allowed to be and do: its name, its join link's life, and who may leave,
remove, hand over or rename. Pure functions over plain values (stored moments are naive UTC,
like `now`); each problem is a short code that `problem_message` puts into words."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l

NAME_LIMIT = 80
JOIN_DAYS = 7
TOKEN_LIMIT = 100  # real tokens are 32 characters; anything far longer is not worth a lookup
ORGANISER, MEMBER = "organiser", "member"


def clean_name(value):
    """A team's name: one line, trimmed, 1 to 80 characters. Returns (name, {}) or (None,
    {"name": why})."""
    name = " ".join(value.split()) if isinstance(value, str) else ""
    if not name:
        return None, {"name": _l("Give the team a name, for instance “Intake team”.")}
    if len(name) > NAME_LIMIT:
        return None, {"name": _l("Keep the name to %(num)s characters or fewer.",
                                 num=NAME_LIMIT)}
    return name, {}


def join_expiry(now, days=JOIN_DAYS):
    """When a join link made or renewed at `now` stops working."""
    return now + timedelta(days=max(1, int(days)))


def link_is_active(*, join_hash, expires_at, now):
    """True while the team has a join link (not revoked) that has not expired."""
    return bool(join_hash) and expires_at is not None and now < expires_at


def join_problem(*, expires_at, now, already_member):
    """Why this person cannot join through a link that was found by its token: "member"
    (nothing to do, whatever the link's state), "expired", or None."""
    if already_member:
        return "member"
    if expires_at is None or now >= expires_at:
        return "expired"
    return None


def organiser_only(role):
    """"organiser_only" when someone who is not the organiser tries what only they may."""
    return None if role == ORGANISER else "organiser_only"


def leave_outcome(*, role, member_count):
    """What leaving does: "left", "deleted" (the last member leaves: the team goes), or
    "hand_over_first" (the organiser of a team with others in it cannot just leave)."""
    if member_count <= 1:
        return "deleted"
    if role == ORGANISER:
        return "hand_over_first"
    return "left"


def hand_over_problem(*, role, own_id, new_id, new_is_member):
    """Why the team cannot go to this person: "organiser_only", "not_member" (or not a
    person), "already_organiser", or None."""
    problem = organiser_only(role)
    if problem:
        return problem
    if not new_is_member:
        return "not_member"
    if str(new_id) == str(own_id):
        return "already_organiser"
    return None


def problem_message(problem, team_name=""):
    """The words for a problem code, for pages and the API."""
    messages = {
        "no_team": _l("There is no such team, or you are not in it."),
        "unknown_link": _l("This join link does not work. It may have been renewed or switched "
                           "off, or only part of it was copied. Ask the organiser for the "
                           "current link."),
        "expired": _l("This join link has expired. Ask the organiser of %(team)s for a new "
                      "one.", team=team_name),
        "member": _l("You are already in %(team)s.", team=team_name),
        "organiser_only": _l("Only the organiser of the team can do this."),
        "hand_over_first": _l("You organise this team. Hand it over to another member first, "
                              "then you can leave."),
        "not_member": _l("Choose a member of this team."),
        "already_organiser": _l("You already organise this team. Choose another member."),
        "no_such_member": _l("This person is not in the team."),
    }
    return messages[problem]
