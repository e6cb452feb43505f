"""How things look: HTML cards, colours, and line-breaking that respects Thai words."""
