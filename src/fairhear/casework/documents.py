"""What a file sent with a contact may be: its type (checked against its first bytes, since a
name can lie) and its size. The public forms and the staff pages accept the same files."""

import codecs
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

ALLOWED_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".txt": "text/plain",
}
ALLOWED_WORDS = "PDF, JPG, PNG, DOCX, ODT or TXT"
_SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    ALLOWED_TYPES[".docx"]: (b"PK\x03\x04",),
    ALLOWED_TYPES[".odt"]: (b"PK\x03\x04",),
}


def limits_hint() -> str:
    return f"{ALLOWED_WORDS}, up to {settings.FAIRHEAR_UPLOAD_MAX_MB} MB each"


def sniff_content_type(upload: UploadedFile) -> str:
    """The file's type from its name, checked against its first bytes; ValidationError if
    the type is not accepted or the content does not match the name."""
    suffix = Path(upload.name or "").suffix.lower()
    kind = ALLOWED_TYPES.get(suffix)
    if kind is None:
        raise ValidationError(f"The selected file must be a {ALLOWED_WORDS}")
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if kind == "text/plain":
        try:
            # Incremental: a character cut in two at byte 2048 is still text.
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        except UnicodeDecodeError:
            raise ValidationError("The selected file is not a plain text file") from None
        if b"\x00" in head:
            raise ValidationError("The selected file is not a plain text file")
        return kind
    if not head.startswith(_SIGNATURES[kind]):
        raise ValidationError(f"The selected file is not a real {suffix.lstrip('.').upper()} file")
    return kind


def check_upload(upload: UploadedFile) -> str:
    """Refuse a file that is too big or of a kind not accepted; else its content type."""
    max_mb = settings.FAIRHEAR_UPLOAD_MAX_MB
    if (upload.size or 0) > max_mb * 1024 * 1024:
        raise ValidationError(f"The selected file must be smaller than {max_mb} MB")
    return sniff_content_type(upload)
