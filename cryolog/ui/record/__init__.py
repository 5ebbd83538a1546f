"""The patient record: header with alerts, and one tab per part of the record."""
