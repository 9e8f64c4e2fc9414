"""Goals in the circle technique, by page and by API."""
