"""Safe image uploads: check, re-encode without metadata, and make the renditions, once.

Only JPEG, PNG and WebP are accepted (no SVG: it can carry script; no GIF or animation). The
size and pixel limits are checked from the file's header before any pixel is decoded, so a
decompression bomb or a 30,000 x 30,000 PNG is refused without being processed. Accepted
images are decoded, turned upright (EXIF orientation), and re-encoded from their pixels alone:
no EXIF, GPS, XMP, ICC or text chunk survives. Renditions at a few widths, in WebP and in a
JPEG (or PNG, if the image has transparency) fallback, are written under hashed names, so
they can be cached for a year. Each file is written whole or not at all (a temporary name, then a
rename), and a file already under its name is trusted only when it is complete.
"""

import contextlib
import hashlib
import io
import os
import secrets
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # about 7,700 x 5,200: a phone photo fits, a bomb does not
MAX_SIDE = 10_000
RENDITION_WIDTHS = (480, 960, 1440)
ACCEPTED_FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"


class CleanedImage:
    """The re-encoded master and its renditions, ready to be stored."""

    def __init__(self, master, fallback_format, renditions):
        self.master = master  # PIL image
        self.width, self.height = master.size
        self.fallback_format = fallback_format
        self.renditions = renditions  # [(width, webp bytes, fallback bytes)]


def _refuse(message):
    raise ValidationError(message, code="invalid_image")


def check_and_clean(upload):
    """An uploaded file -> CleanedImage, or a ValidationError saying plainly what is wrong."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        _refuse(
            f"This file is {size / 1024 / 1024:.1f} MB; images can be up to {MAX_UPLOAD_BYTES // 2**20} MB."
        )
    upload.seek(0)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        _refuse(f"This file is larger than {MAX_UPLOAD_BYTES // 2**20} MB, the most an image can be.")
    if not data:
        _refuse("The file is empty.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            probe = PILImage.open(io.BytesIO(data))  # reads the header only
            kind = probe.format
            width, height = probe.size
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        _refuse(
            f"This picture has far too many pixels to use. Make it smaller than {MAX_SIDE:,} pixels "
            f"on each side and {MAX_PIXELS // 1_000_000} million pixels in all."
        )
    except UnidentifiedImageError:
        _refuse("This file is not a JPEG, PNG or WebP picture (SVG, GIF and other files are not accepted).")
    except (OSError, SyntaxError, ValueError):
        _refuse("This file could not be read as a picture: it may be damaged. Try exporting it again.")
    if kind not in ACCEPTED_FORMATS:
        _refuse(f"{kind} images are not accepted: upload a JPEG, PNG or WebP picture.")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        _refuse(
            f"This picture is {width:,} x {height:,} pixels, too large to use. Make it smaller than "
            f"{MAX_SIDE:,} pixels on each side and {MAX_PIXELS // 1_000_000} million pixels in all."
        )
    if getattr(probe, "n_frames", 1) > 1:
        _refuse("Animated images are not accepted: upload a still JPEG, PNG or WebP picture.")
    try:
        probe.load()
        upright = ImageOps.exif_transpose(probe)
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError):
        _refuse("This file could not be read as a picture: it may be damaged. Try exporting it again.")
    return _reencode(upright, kind)


def _reencode(image, kind):
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else "RGB"
    converted = image.convert(mode)
    # A new image from the pixels alone: no EXIF, GPS, XMP, ICC profile or text chunk comes along.
    master = PILImage.frombytes(mode, converted.size, converted.tobytes())
    fallback_format = "png" if has_alpha or (kind == "PNG" and _looks_drawn(master)) else "jpeg"
    renditions = []
    widths = [w for w in RENDITION_WIDTHS if w < master.width] + [min(master.width, RENDITION_WIDTHS[-1])]
    for width in sorted(set(widths)):
        height = max(1, round(master.height * width / master.width))
        resized = master if width == master.width else master.resize((width, height), PILImage.LANCZOS)
        renditions.append((width, _encode(resized, "webp"), _encode(resized, fallback_format)))
    return CleanedImage(master, fallback_format, renditions)


def _looks_drawn(image):
    """Diagrams and screenshots (few colours) stay PNG: JPEG blurs their lines and text."""
    small = image.convert("RGB").resize((64, 64))
    return len(small.getcolors(64 * 64) or []) < 600


def _encode(image, fmt):
    out = io.BytesIO()
    if fmt == "webp":
        image.save(out, "WEBP", quality=80, method=4)
    elif fmt == "png":
        image.save(out, "PNG", optimize=True)
    else:
        image.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


EXTENSIONS = {"webp": "webp", "jpeg": "jpg", "png": "png"}


def store(cleaned, written=None):
    """Write the master and the renditions under hashed names; returns the Image model fields.

    Each file is written whole or not at all. If one write fails (a full disk), the files this
    call wrote are removed and the OSError raised, so a failed upload leaves nothing behind.
    ``written``, if given, collects the names this call wrote, for the caller to remove should
    the database save that follows fail.
    """
    master_bytes = _encode(cleaned.master, cleaned.fallback_format)
    digest = hashlib.sha256(master_bytes).hexdigest()
    folder = f"images/{digest[:2]}"
    new = []

    def save(data, suffix, fmt):
        name = f"{folder}/{digest[:16]}-{suffix}.{hashlib.sha256(data).hexdigest()[:8]}.{EXTENSIONS[fmt]}"
        name, wrote = _write_whole(name, data)
        if wrote:
            new.append(name)
        return name

    try:
        renditions = [
            {
                "width": width,
                "webp": save(webp, f"{width}w", "webp"),
                "fallback": save(fb, f"{width}w", cleaned.fallback_format),
            }
            for width, webp, fb in cleaned.renditions
        ]
        file = save(master_bytes, "original", cleaned.fallback_format)
    except BaseException:
        discard(new)
        raise
    if written is not None:
        written.extend(new)
    return {
        "file": file,
        "width": cleaned.width,
        "height": cleaned.height,
        "fallback_format": cleaned.fallback_format,
        "renditions": renditions,
        "content_hash": digest,
    }


def _write_whole(name, data):
    """Put ``data`` in storage under ``name``, whole or not at all -> (name, whether written).

    A file already under the (content-hashed) name is kept only if it has the size we would
    write: a truncated one, left by a full disk or a crash, is replaced.
    """
    storage = default_storage
    if storage.exists(name) and storage.size(name) == len(data):
        return name, False
    try:
        path = storage.path(name)
    except NotImplementedError:
        # Remote storage (an S3 bucket): an object is stored whole or not at all.
        if storage.exists(name):
            storage.delete(name)
        return storage.save(name, ContentFile(data)), True
    _replace_atomically(path, data, storage.file_permissions_mode)
    return name, True


def _replace_atomically(path, data, mode):
    """Write to a temporary name in the same folder, fsync, then rename over ``path``."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    temporary = os.path.join(folder, f".{os.path.basename(path)}.{secrets.token_hex(6)}.part")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # 0o666 less the umask
        try:
            _write_all(fd, data)
            if mode is not None:
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.remove(temporary)
        raise
    fd = os.open(folder, os.O_RDONLY)  # make the rename itself survive a power cut
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view[: 1 << 20]) :]


def discard(names):
    """Remove files a failed upload wrote."""
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            default_storage.delete(name)


def stored_names(file, renditions):
    """Every file an image keeps in storage: the master and each rendition's two formats."""
    return {file} | {r[key] for r in renditions for key in ("webp", "fallback")}


def delete_files(image):
    """Remove an image's files from storage (after the row is deleted), but not those another
    image of the same picture (same content hash, so the same file names) still shows."""
    others = type(image).objects.filter(content_hash=image.content_hash).exclude(pk=image.pk)
    kept = set().union(*(stored_names(other.file, other.renditions) for other in others))
    for name in stored_names(image.file, image.renditions) - kept:
        if name and default_storage.exists(name):
            default_storage.delete(name)
