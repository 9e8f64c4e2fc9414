"""A summary laid out as the circle technique: the inner circle (progress achieved) beside the
outer circle (progress still to achieve). Pure: only what the employee put in the summary."""


def split_circles(items, marks):
    """{"inner": [...], "outer": [...], "help": [...]}: the highlights by circle, in order.

    `items` have .text; `marks` is {language: {kind: the words before a highlight of that kind}}
    (journal.summaries.marks). A highlight marked "still to achieve" goes to the outer circle,
    one marked "help I would like" to help, every other one to the inner circle.
    """
    still = _starts(marks, "still")
    help_wanted = _starts(marks, "help")
    circles = {"inner": [], "outer": [], "help": []}
    for item in items:
        text = " ".join(item.text.split()).casefold()
        if any(text.startswith(mark) for mark in still):
            circles["outer"].append(item)
        elif any(text.startswith(mark) for mark in help_wanted):
            circles["help"].append(item)
        else:
            circles["inner"].append(item)
    return circles


def _starts(marks, kind):
    return [" ".join(mark[kind].split()).casefold() for mark in marks.values()
            if mark.get(kind, "").strip()]
