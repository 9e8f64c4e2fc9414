"""Your own data: export, import and account deletion."""
