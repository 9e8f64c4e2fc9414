"""The journal's tables, listed explicitly (order matters: parents before children)."""
from journal.models.entry import Entry, EntryTag
from journal.models.user import User

MODELS = [User, Entry, EntryTag]

__all__ = ["MODELS", "Entry", "EntryTag", "User"]
