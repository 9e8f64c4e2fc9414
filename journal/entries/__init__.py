"""Journal entries: log progress today, the timeline, edit and delete, by page and by API."""
