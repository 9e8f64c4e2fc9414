"""Personal API tokens: make, list and revoke them, and the person behind a bearer token."""
