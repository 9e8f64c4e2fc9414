"""The manager's conversation guide, as data: the three questions of a progress conversation, the
seven-step helping approach and progress-focused steering, in the app's own words (METHOD.md).
Kept out of the template so the words are translated and tested in one place."""
from flask_babel import lazy_gettext as _l

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

HELPING_STEPS = (
    (_l("Make it useful"),
     _l("How can this conversation be as useful as possible for you?")),
    (_l("What could be better"),
     _l("What is hard right now, and what would you like to be different?")),
    (_l("Picture the goal"),
     _l("Suppose it goes the way you want: what would you notice then?")),
    (_l("What already works"),
     _l("What have you already achieved here, and what is going well?")),
    (_l("Earlier successes"),
     _l("Have you managed something like this before? How did you do it?")),
    (_l("The next step"),
     _l("What is one concrete thing you will try next?")),
    (_l("Check again"),
     _l("Was this useful to you? What would make it more useful next time?")),
)

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
