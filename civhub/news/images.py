"""Checking and re-encoding a news image: the file's content decides, never its name.

An upload must be a JPEG, PNG or WebP of at most 5 MB and 6000 pixels on either side. It is
decoded and saved anew (at most 1600 pixels wide, as JPEG, or PNG when it has transparency),
which drops its metadata (camera, location) and anything hidden after the picture.
"""

import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from civhub.news.errors import NewsError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000
MAX_WIDTH = 1600
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}


@dataclass
class EncodedImage:
    """The re-encoded picture, ready to store."""

    content: bytes
    extension: str
    content_type: str
    width: int
    height: int


def _open(upload) -> Image.Image:
    if upload.size > MAX_BYTES:
        raise NewsError(_("The image is larger than 5 MB. Please choose a smaller file."))
    data = upload.read()
    try:
        with warnings.catch_warnings():
            # Pillow only warns about a decompression bomb below twice its limit; refuse it like any other.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise NewsError(_("The image must be a JPEG, PNG or WebP file."))
            if max(image.size) > MAX_SIDE:
                raise NewsError(_("The image is larger than %(side)s pixels on one side. Please choose a smaller "
                                  "image.") % {"side": MAX_SIDE})
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError,
            SyntaxError, ValueError) as error:
        raise NewsError(_("This file is not an image we can read. Please choose a JPEG, PNG or WebP file.")) from error
    return image


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)


def encode_image(upload) -> EncodedImage:
    """The upload checked and re-encoded; NewsError (a message for people) when it is not an acceptable image."""
    image = _open(upload)
    image = ImageOps.exif_transpose(image)  # keep the orientation the camera meant before the metadata goes
    if image.width > MAX_WIDTH:
        image = image.resize((MAX_WIDTH, max(1, round(image.height * MAX_WIDTH / image.width))), Image.LANCZOS)
    out = io.BytesIO()
    if _has_transparency(image):
        image.convert("RGBA").save(out, format="PNG", optimize=True)
        extension, content_type = "png", "image/png"
    else:
        image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
        extension, content_type = "jpg", "image/jpeg"
    return EncodedImage(out.getvalue(), extension, content_type, image.width, image.height)
