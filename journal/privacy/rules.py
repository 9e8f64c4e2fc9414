"""What the people who run the app promise, as they configured it: pure functions."""
import re

# Config keys: the promise in any language, and one per language that replaces it there.
OPERATOR_TEXT = "PRIVACY_OPERATOR_TEXT"


def operator_text(config, language):
    """The operator's own words for this language (`PRIVACY_OPERATOR_TEXT_NL`, say), else
    their words for every language, else ""."""
    return (config.get(f"{OPERATOR_TEXT}_{language.upper()}") or config.get(OPERATOR_TEXT)
            or "").strip()


def paragraphs(text):
    """The text's paragraphs, split at empty lines, each keeping its own line breaks (an
    address, say). A written-out "\\n" (as an environment file may hold) is a line break."""
    text = (text or "").replace("\\n", "\n").replace("\r\n", "\n")
    chunks = ["\n".join(line.strip() for line in chunk.splitlines() if line.strip())
              for chunk in re.split(r"\n[ \t]*\n", text)]
    return [chunk for chunk in chunks if chunk]
