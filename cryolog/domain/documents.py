"""What a stored document may be: its kind, and a PDF of bounded size."""

from __future__ import annotations

from cryolog.domain.errors import FieldError, InvalidInput, said

DOCUMENT_KINDS = ("course_summary", "handout", "consent", "screening", "appointment_card")
MAX_PDF_BYTES = 50 * 1024 * 1024


def check_document(kind: str, pdf: bytes) -> None:
    """InvalidInput unless ``kind`` is a known document kind and ``pdf`` a PDF within the
    size limit."""
    errors: list[FieldError] = []
    if kind not in DOCUMENT_KINDS:
        errors.append(FieldError("kind", said("one_of", choices=", ".join(DOCUMENT_KINDS))))
    if not isinstance(pdf, bytes) or not pdf.startswith(b"%PDF-"):
        errors.append(FieldError("pdf", said("not_pdf")))
    elif len(pdf) > MAX_PDF_BYTES:
        errors.append(
            FieldError("pdf", said("pdf_too_large", megabytes=MAX_PDF_BYTES // (1024 * 1024)))
        )
    if errors:
        raise InvalidInput(errors)
