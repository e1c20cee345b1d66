"""Renderings of a report: each reads only the report's JSON (fairhear.reports.engine)."""
