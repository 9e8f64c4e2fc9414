"""Notifications: reminder settings, notices around sharing, devices, and the dispatcher."""
