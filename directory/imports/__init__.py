"""Imports from public registers into the directory (the Charity Commission first)."""
