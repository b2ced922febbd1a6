"""Carrying a user's work outside the page: share-link tokens and saved JSON files.

Both are read defensively and never evaluated. A token is "<version>." + base64url (no padding) of
raw-deflated compact JSON; reading it checks the length and the alphabet and inflates with a hard
output limit before parsing. A file is a JSON object {"format": …, "version": …, <payload>}.
Every failure is one InputError on one field, with the caller's Danish message."""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from typing import Any

from koensbalance.errors import FieldError, InputError

ALPHABET = re.compile(r"^[A-Za-z0-9_-]*$")


def pack(version: int, data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(text) + packer.flush()
    return f"{version}." + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def unpack(token: object, version: int, max_chars: int, max_bytes: int, error: InputError) -> Any:
    """The JSON value in a token made by pack(); raises `error` on anything else (wrong type or
    version, too long, foreign characters, corrupt, cut off, or larger than max_bytes inflated)."""
    prefix = f"{version}."
    if not isinstance(token, str):
        raise error
    token = token.strip()
    if len(token) > max_chars or not token.startswith(prefix):
        raise error
    body = token[len(prefix):]
    if not body or not ALPHABET.match(body):
        raise error
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        unpacker = zlib.decompressobj(-15)
        text = unpacker.decompress(packed, max_bytes)
    except (binascii.Error, ValueError, zlib.error):
        raise error from None
    if unpacker.unconsumed_tail or not unpacker.eof:  # too large once inflated, or cut off
        raise error
    try:
        return json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise error from None


def write_file(file_format: str, version: int, payload: dict[str, Any]) -> str:
    document = {"format": file_format, "version": version, **payload}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read_file(text: object, file_format: str, version: int, max_chars: int, field: str,
              not_ours: str, other_version: str) -> dict[str, Any]:
    """The JSON object of a file made by write_file() with this format and version; InputError on
    `field` with `not_ours` or `other_version` otherwise."""
    bad = InputError([FieldError(field, not_ours)])
    if not isinstance(text, str) or len(text) > max_chars:
        raise bad
    try:
        document: Any = json.loads(text)
    except (ValueError, RecursionError):
        raise bad from None
    if not (isinstance(document, dict) and document.get("format") == file_format):
        raise bad
    if document.get("version") != version:
        raise InputError([FieldError(field, other_version)])
    return document


def first_message(exc: InputError) -> str:
    return exc.errors[0].message if exc.errors else ""
