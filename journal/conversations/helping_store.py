"""Helping conversations in the database (to be built: issue 15)."""


def hub_of(user):
    """What the conversations hub shows of the user's helping conversations."""
    return {}
