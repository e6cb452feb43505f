"""The area dashboard: every forum of a province, district or tambon at a glance, for organisers."""
