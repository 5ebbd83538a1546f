"""Encryption of what cryolog keeps beside an encrypted database (kept-aside typing).

AES-256-GCM under a key derived from the database key (HMAC-SHA256 with a purpose label),
so the kept typing of an encrypted database is as private as its records and a changed or
foreign file decodes as nothing (``ValueError``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from cryolog.db.database import Database

MAGIC = b"CRYK1"
NONCE_BYTES = 12
TAG_BYTES = 16


class KeyedCodec:
    """Encodes bytes with a key derived from ``database_key`` for ``purpose``."""

    def __init__(self, database_key: bytes, purpose: bytes = b"kept typing") -> None:
        self._key = hmac.new(database_key, b"cryolog " + purpose, hashlib.sha256).digest()

    def encode(self, data: bytes) -> bytes:
        from Cryptodome.Cipher import AES  # only an encrypted database's typing needs it

        nonce = secrets.token_bytes(NONCE_BYTES)
        cipher = AES.new(self._key, AES.MODE_GCM, nonce=nonce)
        sealed, tag = cipher.encrypt_and_digest(data)
        return MAGIC + nonce + tag + sealed

    def decode(self, data: bytes) -> bytes:
        if not data.startswith(MAGIC) or len(data) < len(MAGIC) + NONCE_BYTES + TAG_BYTES:
            raise ValueError("not kept typing of this database")
        body = data[len(MAGIC) :]
        nonce, tag, sealed = (
            body[:NONCE_BYTES],
            body[NONCE_BYTES : NONCE_BYTES + TAG_BYTES],
            body[NONCE_BYTES + TAG_BYTES :],
        )
        from Cryptodome.Cipher import AES

        cipher = AES.new(self._key, AES.MODE_GCM, nonce=nonce)
        return bytes(cipher.decrypt_and_verify(sealed, tag))


def codec_for(db: Database) -> KeyedCodec | None:
    """The codec for files kept beside ``db``: None for a plain database."""
    from cryolog.db.backends.sqlcipher_file import SqlcipherFileBackend

    storage = db.storage
    if isinstance(storage, SqlcipherFileBackend) and storage.key is not None:
        return KeyedCodec(storage.key)
    return None
