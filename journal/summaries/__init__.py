"""The employee's summaries for progress conversations."""
