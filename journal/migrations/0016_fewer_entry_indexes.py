"""Three indexes every entry write kept up to date for nothing: `entry.user_id`,
`entry_tag.entry_id` and `entry_tag.user_id` each lead a wider index already (user, day,
created_at), (entry, name) and (user, name), which answers every lookup they did, the
cascades from a deleted user or entry included. An entry POST updated eight indexes, now
five."""

REDUNDANT = (("entry", "entry_user_id", ["user_id"]),
             ("entry_tag", "entry_tag_entry_id", ["entry_id"]),
             ("entry_tag", "entry_tag_user_id", ["user_id"]))


def up(migrator, db):
    migrator.migrate(*(migrator.drop_index(table, name) for table, name, _ in REDUNDANT))


def down(migrator, db):
    migrator.migrate(*(migrator.add_index(table, columns) for table, _, columns in REDUNDANT))
