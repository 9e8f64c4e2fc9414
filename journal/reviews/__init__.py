"""The weekly "what improved" review, by page and by API."""
