"""News images: checked to be an image, scaled down and written anew, so nothing of the camera's
metadata (place, time, device) or of a crafted file survives. Pillow does the reading and writing."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 1600  # pixels, the longer side after scaling
MAX_PIXELS = 40_000_000  # a larger picture is refused before it is decoded (a "decompression bomb")
FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def clean_image(upload) -> ContentFile:
    """A JPEG of at most MAX_SIDE pixels made from `upload`, without metadata; ValidationError for a file
    that is too large or not an image."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The image is too large (at most %(mb)s MB)."), params={"mb": MAX_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            if probe.format not in FORMATS:
                raise ValidationError(_("The file is not an image in JPEG, PNG, WebP or GIF format."))
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("The image has too many pixels."))
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            picture = _flatten(image)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("The file is not an image in JPEG, PNG, WebP or GIF format.")) from exc
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    # A new image written from pixels only: no EXIF, XMP, ICC or comments are passed on.
    picture.save(out, format="JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name="bild.jpg")


def _flatten(image: Image.Image) -> Image.Image:
    """The first frame in RGB, transparency laid on white, turned upright as the camera meant it."""
    image = ImageOps.exif_transpose(image) or image
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
