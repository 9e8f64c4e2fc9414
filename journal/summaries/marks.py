"""The words that mark a highlight's kind, in every language the app speaks: a summary's
highlights keep the words of the language its author wrote it in."""
from flask import current_app
from flask_babel import force_locale

from journal.summaries.rules import MARK, item_marks


def all_marks():
    """{language: {kind: the words before a highlight of that kind}}."""
    marks = {}
    for language in current_app.config["LANGUAGES"]:
        with force_locale(language):
            marks[language] = {kind: str(words).split(MARK)[0]
                               for kind, words in item_marks().items()}
    return marks
