"""The manager's side of sharing: summaries shared with me, my notes and my reply."""
