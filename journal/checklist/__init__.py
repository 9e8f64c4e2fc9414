"""The manager's self-assessment checklist for progress-focused leadership."""
