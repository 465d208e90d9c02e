"""store/services."""
