"""The manager's conversation guide, as data: the three questions of a progress conversation, the
seven-step helping approach and progress-focused steering, in the app's own words (METHOD.md).
Kept out of the template so the words are translated and tested in one place."""
from flask_babel import lazy_gettext as _l

from journal.conversations.steps import SEVEN_STEPS

PROGRESS_QUESTIONS = (
    (_l("What meaningful progress have you achieved?"),
     _l("Start here. Small steps count too: ask how they managed them.")),
    (_l("What do you want to achieve?"),
     _l("Let them choose what matters. Ask what it would look like once it is there.")),
    (_l("How will you go about it?"),
     _l("One concrete first step is enough. Ask what help they would like from you.")),
)

PROGRESS_TIPS = (
    _l("Keep both in view: progress already made gives confidence, progress still to make gives "
       "direction."),
    _l("Appreciate the approach and the effort (\"I like how you prepared the intake\") rather "
       "than a trait (\"you are so talented\")."),
    _l("When something does not work yet, say \"not yet\": setbacks are part of learning."),
)

# The seven steps, one piece of code with the helping conversation and peer consultation.
HELPING_STEPS = tuple((step.title, step.question) for step in SEVEN_STEPS)

STEERING = (
    (_l("Honest"),
     _l("Say plainly what you expect; don't hide it in hints."),
     _l("\"From March, I need every intake logged in the new system.\"")),
    (_l("Positive and clear"),
     _l("Name the result or behaviour you need and why. Talk about the work, never about the "
        "person, and about what to do rather than what not to do."),
     _l("\"Then the whole team can see who is waiting for a call back.\"")),
    (_l("Giving room"),
     _l("Say what, not how. Ask how they will make it work, take their doubts seriously, and "
        "stay friendly."),
     _l("\"How could you make this work in a way that suits you?\"")),
)
