"""Accounts: sign up, log in, log out, passwords, personal settings, and deleting an account."""
