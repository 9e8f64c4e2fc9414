"""Goals in the circle technique: the outer ring holds progress still to achieve, the inner ring
progress achieved."""
import uuid

from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
    UUIDField,
    fn,
)

from journal.clock import iso_utc
from journal.db import BaseModel, OwnedModel, database
from journal.models.user import User
from journal.prepared import PreparedSelect, id_value


class Goal(OwnedModel):
    """A goal with why it matters and concrete next steps."""

    id = UUIDField(primary_key=True, default=uuid.uuid4)
    user = ForeignKeyField(User, backref="goals", on_delete="CASCADE")
    title = CharField(max_length=200)
    why = TextField(default="")
    ring = CharField(max_length=8, default="outer")
    moved_inner_at = DateTimeField(null=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("user", "ring"), False),)

    @classmethod
    def of(cls, user):
        """The user's goals: still to achieve first, then achieved (latest first)."""
        return (cls
                .select()
                .where(cls.user == user)
                .order_by(cls.ring.desc(), cls.moved_inner_at.desc(nulls="LAST"),
                          cls.created_at.desc(), cls.id))

    @classmethod
    def listed(cls, user):
        """The user's goals in the order of `of`, as a list (its SQL made once)."""
        return _GOALS_OF.rows(id_value(user))

    @classmethod
    def moved_inward_between(cls, user, first, last):
        """The user's goals now in the inner circle that moved there between two stored
        moments."""
        return cls.select().where((cls.user == user) & (cls.ring == "inner")
                                  & cls.moved_inner_at.between(first, last))

    @classmethod
    def create_for(cls, user, values, *, now):
        """Create a goal and its steps in one transaction, made at `now` (stored UTC)."""
        with database.atomic():
            goal = cls(user=user, created_at=now)
            goal.apply(values, now=now)
            goal.save(force_insert=True)
            if "steps" in values:
                GoalStep.replace(goal, values["steps"])
        return goal

    def update_from(self, values, *, now):
        """Change fields, ring and steps in one transaction, changed at `now`."""
        with database.atomic():
            self.apply(values, now=now)
            self.save()
            if "steps" in values:
                GoalStep.replace(self, values["steps"])
        return self

    def apply(self, values, *, now):
        """Set fields; moving inward records when, moving back out ("not yet") clears it."""
        for name in ("title", "why"):
            if name in values:
                setattr(self, name, values[name])
        ring = values.get("ring", self.ring or "outer")
        if ring == "inner" and self.ring != "inner":
            self.moved_inner_at = now
        elif ring == "outer":
            self.moved_inner_at = None
        self.ring = ring
        self.updated_at = now

    def delete_instance(self, *args, **kwargs):
        """Delete the goal; entries toward it keep their words but lose the link, so the
        person's journal changed (User.journal_changed) in the same transaction."""
        with database.atomic():
            User.journal_changed(self.user_id)
            return super().delete_instance(*args, **kwargs)

    def step_list(self):
        """The steps in order (loaded once)."""
        if not hasattr(self, "_steps"):
            self._steps = list(self.steps.order_by(GoalStep.position, GoalStep.id))
        return self._steps

    def step(self, step_id):
        """One of this goal's steps, or None."""
        return GoalStep.get_or_none((GoalStep.id == step_id) & (GoalStep.goal == self))

    def add_step(self, text):
        """Append a concrete next step."""
        position = (GoalStep
                    .select(fn.COALESCE(fn.MAX(GoalStep.position), -1) + 1)
                    .where(GoalStep.goal == self)
                    .scalar())
        step = GoalStep.create(goal=self, text=text, position=position)
        self.__dict__.pop("_steps", None)
        return step

    def to_api(self):
        """The goal as the JSON API shows it."""
        return {
            "id": str(self.id),
            "title": self.title,
            "why": self.why,
            "ring": self.ring,
            "steps": [{"text": s.text, "done": s.done} for s in self.step_list()],
            "moved_inner_at": iso_utc(self.moved_inner_at) if self.moved_inner_at else None,
            "created_at": iso_utc(self.created_at),
            "updated_at": iso_utc(self.updated_at),
        }


class GoalStep(BaseModel):
    """One concrete next step toward a goal (a checklist item)."""

    goal = ForeignKeyField(Goal, backref="steps", on_delete="CASCADE")
    text = CharField(max_length=300)
    done = BooleanField(default=False)
    position = IntegerField(default=0)

    @classmethod
    def replace(cls, goal, steps):
        """Make the goal's steps exactly `steps` ([{text, done}])."""
        cls.delete().where(cls.goal == goal).execute()
        if steps:
            cls.insert_many([{"goal": goal.id, "text": s["text"], "done": s["done"],
                              "position": i} for i, s in enumerate(steps)]).execute()
        goal.__dict__.pop("_steps", None)


def with_steps(goals):
    """Load the steps of many goals in one query; returns the goals as a list."""
    goals = list(goals)
    by_id = {goal.id: goal for goal in goals}
    for goal in goals:
        goal._steps = []
    if by_id:
        steps = (GoalStep
                 .select()
                 .where(GoalStep.goal.in_(list(by_id)))
                 .order_by(GoalStep.position, GoalStep.id))
        for step in steps:
            by_id[step.goal_id]._steps.append(step)
    return goals


_GOALS_OF = PreparedSelect(Goal.of, 1)
