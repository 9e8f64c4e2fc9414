"""The seven steps of a progress-focused helping conversation (METHOD.md), as one piece shared
by the helping conversation between two people and a team's peer consultation (intervisie),
which goes through the first six together. Pure: words and the arithmetic of moving on."""
from collections import namedtuple

from flask_babel import lazy_gettext as _l

Step = namedtuple("Step", "key title question")

SEVEN_STEPS = (
    Step("usefulness", _l("Make it useful"),
         _l("How can this conversation be as useful as possible for you?")),
    Step("better", _l("What could be better"),
         _l("What is hard right now, and what would you like to be different?")),
    Step("desired", _l("Picture the goal"),
         _l("Suppose it goes the way you want: what would you notice then?")),
    Step("platform", _l("What already works"),
         _l("What have you already achieved here, and what is going well?")),
    Step("successes", _l("Earlier successes"),
         _l("Have you managed something like this before? How did you do it?")),
    Step("next_step", _l("The next step"),
         _l("What is one concrete thing you will try next?")),
    Step("usefulness_again", _l("Check again"),
         _l("Was this useful to you? What would make it more useful next time?")),
)

STEP_KEYS = tuple(step.key for step in SEVEN_STEPS)
NEXT_STEP = STEP_KEYS.index("next_step")
# A peer consultation ends when the case owner chooses their next step.
CONSULTATION_STEPS = SEVEN_STEPS[:NEXT_STEP + 1]


def step_index(key, steps=SEVEN_STEPS):
    """The position of the step named `key` in `steps`, or None when there is no such step."""
    keys = [step.key for step in steps]
    return keys.index(key) if key in keys else None


def moved(current, direction, steps=SEVEN_STEPS):
    """The step after (`direction` 1) or before (-1) `current`, kept within the steps."""
    return max(0, min(len(steps) - 1, current + direction))


def is_last(current, steps=SEVEN_STEPS):
    """Whether `current` is the final step."""
    return current >= len(steps) - 1
