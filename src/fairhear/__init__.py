"""Fairhear: the statutory children's social care complaints procedure, and its annual report."""
