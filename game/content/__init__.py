"""Visitor-facing content: string tables by language, facts and their sources (pure core)."""
