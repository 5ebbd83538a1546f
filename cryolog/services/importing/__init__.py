"""Bringing an existing patient list in: read a CSV or .xlsx file, map its columns, check
every row with the app's own rules, and import all of it in one transaction."""
