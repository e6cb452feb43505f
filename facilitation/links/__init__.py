"""The links a facilitator hands out: which address phones can reach, the join link and its QR code."""
