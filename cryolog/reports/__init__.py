"""PDF renderers: DTOs in, PDF bytes out."""
