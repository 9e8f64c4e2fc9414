"""Claims with a lease: when a delivery was claimed, so a claim left by a dispatcher that died
is taken up again; and an index for the dispatcher's look-ups by status (a frozen copy of the
model at this point)."""
from peewee import CharField, DateTimeField, IntegerField, Model


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Delivery(Base):
        kind = CharField(max_length=16)
        scheduled_for = DateTimeField()
        status = CharField(max_length=16, default="claimed")
        attempts = IntegerField(default=0)
        created_at = DateTimeField()
        claimed_at = DateTimeField(null=True)

    migrator.migrate(
        migrator.add_column("delivery", "claimed_at", DateTimeField(null=True)),
        migrator.add_index("delivery", ("status", "scheduled_for"), False),
    )
    # A claim made before leases existed was made no earlier than the delivery was created
    # (a reminder) or fell due (a notice): count its lease from the later of the two, so a claim
    # a crashed dispatcher left is taken up by the next tick, and a live one is left alone.
    for row in Delivery.select().where(Delivery.status == "claimed"):
        (Delivery.update(claimed_at=max(row.created_at, row.scheduled_for))
         .where(Delivery.id == row.id).execute())


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index("delivery", "delivery_status_scheduled_for"),
        migrator.drop_column("delivery", "claimed_at"),
    )
