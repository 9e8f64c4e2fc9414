"""JSON API v1 (contract: docs/api.md)."""
