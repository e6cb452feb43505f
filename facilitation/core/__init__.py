"""Foundations every capability uses.

The database and its transactions, settings, domain errors, secrets in links,
text cleaning and the string catalogue.
"""
