"""Use cases: one unit of work per user action; returns DTOs."""
