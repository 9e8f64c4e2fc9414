"""Progress conversations and team meetings: the hub that leads to everything around them."""
