"""Journal entries: small steps of meaningful progress (or setbacks to learn from)."""
import uuid

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    SmallIntegerField,
    TextField,
    UUIDField,
    fn,
)

from journal.clock import iso_utc
from journal.db import BaseModel, OwnedModel, database
from journal.entries.rules import NOTE_FIELDS, searchable_text
from journal.entries.search import query_filter, word_condition
from journal.kept import KeptPerPerson
from journal.models.goal import Goal
from journal.models.user import User
from journal.prepared import PreparedSelect, insert_statement, run_together


class Entry(OwnedModel):
    """One note of progress or a setback, on a day in the user's own time zone."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    # No index of its own: (user, day, created_at) below leads with it (migration 0016).
    user = ForeignKeyField(User, backref="entries", on_delete="CASCADE", index=False)
    day = DateField()
    text = TextField()
    kind = CharField(max_length=16, default="progress")
    meaning = SmallIntegerField(null=True)
    helped = TextField(default="")
    hindered = TextField(default="")
    learned = TextField(default="")
    try_next = TextField(default="")
    goal = ForeignKeyField(Goal, null=True, backref="entries", on_delete="SET NULL")
    search_text = TextField(default="")
    created_at = DateTimeField()
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("user", "day", "created_at"), False),)

    # -- queries -------------------------------------------------------------

    @classmethod
    def of(cls, user):
        """All of a user's entries, newest first."""
        return (cls
                .select()
                .where(cls.user == user)
                .order_by(cls.day.desc(), cls.created_at.desc(), cls.id.desc()))

    @classmethod
    def with_id(cls, entry_id):
        """The entry with this id whoever's it is (a replayed upload checks its owner), or None."""
        return cls.get_or_none(cls.id == entry_id)

    @classmethod
    def on_day(cls, user, day):
        """The user's entries of one day, newest first."""
        return cls.of(user).where(cls.day == day)

    @classmethod
    def toward(cls, goal):
        """The entries noted toward a goal, newest first."""
        return cls.of(goal.user_id).where(cls.goal == goal)

    @classmethod
    def matching(cls, user, *, tag=None, kind=None, q=None, day_from=None, day_to=None,
                 after=None):
        """The user's entries narrowed by tag, kind, search words and a day range; `after` a
        position (day, created_at, id) to continue from (keyset paging)."""
        return cls.filtered(user, tag=tag, kind=kind, words=query_filter(user, q),
                            day_from=day_from, day_to=day_to, after=after)

    @classmethod
    def filtered(cls, user, *, tag=None, kind=None, words=None, day_from=None, day_to=None,
                 after=None):
        """`matching`, with the search words already looked up (entries.search.word_filter)."""
        query = cls.of(user)
        if tag:
            query = query.where(cls.id.in_(EntryTag.entries_tagged(user, tag)))
        if kind:
            query = query.where(cls.kind == kind)
        if words:
            query = query.where(word_condition(cls, *words))
        if day_from:
            query = query.where(cls.day >= day_from)
        if day_to:
            query = query.where(cls.day <= day_to)
        if after:
            day, created, entry_id = after
            query = query.where((cls.day < day)
                                | ((cls.day == day) & (cls.created_at < created))
                                | ((cls.day == day) & (cls.created_at == created)
                                   & (cls.id < entry_id)))
        return query

    @classmethod
    def days_with_progress(cls, user):
        """How many different days the user has noted something: a count that never resets
        (kept until their journal changes: journal.kept)."""
        return _kept_days(user)

    @classmethod
    def count_days_with_progress(cls, user):
        """The same count, read afresh from every entry."""
        return (cls
                .select(fn.COUNT(cls.day.distinct()))
                .where(cls.user == user)
                .scalar()) or 0

    # -- writes --------------------------------------------------------------

    @classmethod
    def create_for(cls, user, values, *, now, entry_id=None):
        """Create an entry with its tags in one transaction, made at `now` (stored UTC)."""
        entry = cls(user=user, created_at=now, updated_at=now, **_columns(values))
        if entry_id is not None:
            entry.id = entry_id
        entry.search_text = entry.searchable(values["tags"])
        # The busiest write of all: its SQL is made once, and PostgreSQL gets it in one round
        # trip (journal.prepared).
        run_together(
            insert_statement(cls, [{field.name: entry.__data__.get(field.name)
                                    for field in cls._meta.sorted_fields}]),
            insert_statement(EntryTag, [{"entry": entry.id, "user": entry.user_id, "name": tag}
                                        for tag in values["tags"]]),
            User.journal_change(user))
        entry.tag_list = list(values["tags"])
        return entry

    def update_from(self, values, *, now):
        """Apply changed fields (and tags) in one transaction, changed at `now`."""
        with database.atomic():
            for name, value in _columns(values).items():
                setattr(self, name, value)
            tags = values.get("tags", self.tags())
            self.search_text = self.searchable(tags)
            self.updated_at = now
            self.save()
            User.journal_changed(self.user_id)
            if "tags" in values:
                EntryTag.replace(self, tags)
        self.tag_list = list(tags)
        return self

    def delete_instance(self, *args, **kwargs):
        """Delete the entry (its tags go with it), noting that the person's journal changed."""
        with database.atomic():
            User.journal_changed(self.user_id)
            return super().delete_instance(*args, **kwargs)

    # -- reading -------------------------------------------------------------

    def tags(self):
        """This entry's tags (loaded with `with_tags` when listing many)."""
        if not hasattr(self, "tag_list"):
            self.tag_list = [tag.name for tag in self.tag_rows.order_by(EntryTag.id)]
        return self.tag_list

    def searchable(self, tags):
        """The folded words a search looks in (journal/entries/search.py)."""
        return searchable_text([self.text, *(getattr(self, name) for name in NOTE_FIELDS), *tags])

    def values(self):
        """The editable fields as plain data (to compare with a replayed request)."""
        data = {name: getattr(self, name) for name in ("day", "text", "kind", "meaning")}
        data.update({name: getattr(self, name) for name in NOTE_FIELDS})
        data["tags"] = self.tags()
        data["goal_id"] = self.goal_id
        return data

    def to_api(self):
        """The entry as the JSON API shows it."""
        return {
            "id": str(self.id),
            "day": self.day.isoformat(),
            "text": self.text,
            "kind": self.kind,
            "meaning": self.meaning,
            "helped": self.helped,
            "hindered": self.hindered,
            "learned": self.learned,
            "try_next": self.try_next,
            "tags": self.tags(),
            "goal_id": str(self.goal_id) if self.goal_id else None,
            "created_at": iso_utc(self.created_at),
            "updated_at": iso_utc(self.updated_at),
        }


def with_tags(entries):
    """Load the tags of many entries in one query; returns the entries as a list."""
    entries = list(entries)
    by_hex = {entry.id.hex: entry for entry in entries}
    for entry in entries:
        entry.tag_list = []
    if by_hex:
        for entry_id, name in _TAGS_OF_ENTRIES.tuples(*by_hex):
            by_hex[_hex(entry_id)].tag_list.append(name)
    return entries


def _hex(raw_uuid):
    """A UUID column's raw value as hex: SQLite keeps hex text, psycopg2 gives '8-4-4-4-12'."""
    return raw_uuid.hex if isinstance(raw_uuid, uuid.UUID) else raw_uuid.replace("-", "")


def _columns(values):
    return {name: value for name, value in values.items() if name != "tags"}


class EntryTag(BaseModel):
    """A tag on an entry; the user is kept too so a tag filter needs one index."""

    # No indexes of their own: (entry, name) and (user, name) lead with them (migration 0016).
    entry = ForeignKeyField(Entry, backref="tag_rows", on_delete="CASCADE", index=False)
    user = ForeignKeyField(User, on_delete="CASCADE", index=False)
    name = CharField(max_length=64)

    class Meta:
        indexes = ((("user", "name"), False), (("entry", "name"), True))

    @classmethod
    def entries_tagged(cls, user, tag):
        """A subquery of the ids of the user's entries carrying this tag."""
        return cls.select(cls.entry).where((cls.user == user) & (cls.name == tag))

    @classmethod
    def replace(cls, entry, tags):
        """Make the entry's tags exactly `tags`."""
        cls.delete().where(cls.entry == entry).execute()
        if tags:
            rows = [{"entry": entry.id, "user": entry.user_id, "name": tag} for tag in tags]
            cls.insert_many(rows).execute()

    @classmethod
    def names_of(cls, user):
        """The user's tags, most used first, at most 30 (for the filter; kept until their
        journal changes: journal.kept)."""
        return list(_kept_tags(user))

    @classmethod
    def count_names_of(cls, user):
        """The same tags, read afresh from every tag."""
        return [row.name for row in (cls
                .select(cls.name, fn.COUNT(cls.id).alias("uses"))
                .where(cls.user == user)
                .group_by(cls.name)
                .order_by(fn.COUNT(cls.id).desc(), cls.name)
                .limit(30))]


_TAGS_OF_ENTRIES = PreparedSelect(lambda *entry_ids: EntryTag
                                  .select(EntryTag.entry, EntryTag.name)
                                  .where(EntryTag.entry.in_(entry_ids))
                                  .order_by(EntryTag.id))
_kept_days = KeptPerPerson(Entry.count_days_with_progress)
_kept_tags = KeptPerPerson(lambda user: tuple(EntryTag.count_names_of(user)))
