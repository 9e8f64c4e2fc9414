"""The summary builder as an HTML form: rows of highlights named item-<index>-text (and -source,
-source_id, -remove), moved and removed one at a time without JavaScript, turned into the
fields journal.summaries.rules checks. Pure: a mapping in, plain data out."""
from journal.summaries.rules import TEXT_FIELDS

FORM_ITEM_LIMIT = 100


def form_to_data(form, rows=None):
    """The builder form (a mapping) as summary fields: each item's text, minus the ones marked
    "remove", plus the new one typed in "add an item". `rows` are the item rows to use instead
    of the form's own (after a move)."""
    data = {field: form.get(field, "") for field in (*TEXT_FIELDS, "conversation_on")}
    data["items"] = [{"text": row["text"], "source": row["source"],
                      "source_id": row["source_id"]}
                     for row in (form_rows(form) if rows is None else rows) if not row["remove"]]
    if form.get("new_item", "").strip():
        data["items"].append({"text": form["new_item"], "source": "own", "source_id": None})
    return data


def form_rows(form):
    """The item rows as typed (removed ones too), to show them again when there are errors."""
    try:
        count = min(max(int(form.get("item_count", 0)), 0), FORM_ITEM_LIMIT)
    except ValueError:
        count = 0
    return [{"text": form.get(f"item-{i}-text", ""), "source": form.get(f"item-{i}-source", ""),
             "source_id": form.get(f"item-{i}-source_id") or None,
             "remove": bool(form.get(f"item-{i}-remove"))} for i in range(count)]


def move_row(rows, move):
    """The rows with one moved a place up or down, as asked by a "move" button without
    JavaScript ("<index>-up" or "<index>-down"); anything else leaves them as they are."""
    index, _sep, direction = (move or "").partition("-")
    if not index.isdigit() or direction not in ("up", "down"):
        return rows
    index = int(index)
    other = index - 1 if direction == "up" else index + 1
    if not (0 <= index < len(rows) and 0 <= other < len(rows)):
        return rows
    moved = list(rows)
    moved[index], moved[other] = moved[other], moved[index]
    return moved


def form_errors(errors, rows):
    """Item errors renumbered from the kept items back to the form's rows."""
    kept = [index for index, row in enumerate(rows) if not row["remove"]]
    renamed = {}
    for key, message in errors.items():
        if key == "items" and any(name.startswith("items.") for name in errors):
            continue
        if key.startswith("items."):
            position = int(key.split(".", 1)[1])
            key = f"item-{kept[position]}" if position < len(kept) else "new_item"
        renamed[key] = message
    return renamed
