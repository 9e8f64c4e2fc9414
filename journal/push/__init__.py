"""Web push: VAPID keys and the sender."""
