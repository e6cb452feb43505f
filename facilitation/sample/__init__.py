"""A realistic Thai sample forum, built through the same services people use."""
