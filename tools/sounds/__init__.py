"""Recipes and signal tools behind ``tools/make_sounds.py`` (a build tool, not game code)."""
