"""The editor's side: ``review`` (the translations/ files and the editor's decisions:
edited, approved, stale), ``pages`` (the HTML review desk), ``corrections`` and
``retract`` (retractions, restores and orphans).
"""
