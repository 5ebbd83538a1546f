"""Booking rules: the practice's week, resources, appointments and the visit proposer.

Pure values and functions (no database, no Qt). Times are the practice's local wall-clock
times as naive ``datetime`` values, like the rule engine's; the services convert them to
and from the UTC values they store.
"""
