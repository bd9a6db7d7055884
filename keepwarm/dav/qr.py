"""A QR code of a contact's vCard as SVG (qrcode's SvgPathImage: pure Python, no Pillow needed)."""

import qrcode
import qrcode.image.svg
from qrcode.exceptions import DataOverflowError

from .context import CardData
from .vcard import to_vcard


def qr_svg(card: CardData) -> bytes:
    """The full card when it fits a QR code, else the compact one (name, company, phones, emails)."""
    for compact in (False, True):
        text = to_vcard(card, name_context=True, compact=compact)
        qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_L, border=2,
                           image_factory=qrcode.image.svg.SvgPathImage)
        qr.add_data(text.encode())
        try:
            qr.make(fit=True)
        except (DataOverflowError, ValueError):
            continue
        return qr.make_image().to_string()
    raise ValueError("this contact's card is too large for a QR code")
