"""Handing data over: a patient's whole record as a ZIP (JSON, CSV, PDFs, audit trail and
an HL7 FHIR bundle), and every table of the database as CSV.

Import the entry points from their modules (``patient_export.export_patient``,
``all_tables.export_all``): the FHIR library loads only when an export is made.
"""
