"""Live updates: what changed in a forum, told to phones and projectors without a script run per idle screen."""
