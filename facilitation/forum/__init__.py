"""The forum itself.

Creating it, who joins, what they share, the action plan, commitments, and which
action each stage allows.
"""
