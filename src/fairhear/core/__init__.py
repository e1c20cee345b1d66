"""Fairhear's pure core: the working-day calendar, the statutory clocks and the procedure rules.

Nothing here imports Django; the web application calls these functions before it saves.
"""
