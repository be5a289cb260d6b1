#!/usr/bin/env python3
"""Draws a site's default social preview image: 1200×630 PNG, the size chat
apps and Open Graph expect. Deterministic: the same arguments, fonts and
Pillow version give the same bytes (no timestamps, no metadata).

usage: .ci/social-image.py OUT.png "Site title" "One line under it"

Needs PyPI's Pillow and the DejaVu fonts (Debian: fonts-dejavu-core).
The example site's Site/static/social.png was made with:
  .ci/social-image.py Site/static/social.png "KVMARM weekly digest" \
      "The kvmarm mailing list, week by week"
"""
import sys

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
BACKGROUND = (11, 44, 84)
ACCENT = (86, 180, 233)
TEXT = (255, 255, 255)
MUTED = (207, 227, 250)
FONTS = "/usr/share/fonts/truetype/dejavu/"


def fitted(draw, text, path, size, width):
    """The largest font not above `size` that fits `text` in `width` pixels."""
    while size > 24:
        font = ImageFont.truetype(path, size)
        if draw.textlength(text, font=font) <= width:
            return font
        size -= 4
    return ImageFont.truetype(path, size)


def main():
    out, title, subtitle = sys.argv[1:4]
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    # Weekly bars along the bottom: the site's category bars, as a motif.
    heights = [3, 5, 4, 7, 6, 9, 5, 8, 11, 7, 10, 13, 9, 12, 15, 11, 14, 17, 12, 16]
    bar = 44
    for index, value in enumerate(heights):
        x = 80 + index * (bar + 8)
        draw.rectangle([x, HEIGHT - 60 - value * 12, x + bar, HEIGHT - 60], fill=ACCENT)
    title_font = fitted(draw, title, FONTS + "DejaVuSans-Bold.ttf", 84, WIDTH - 160)
    subtitle_font = fitted(draw, subtitle, FONTS + "DejaVuSans.ttf", 44, WIDTH - 160)
    draw.text((80, 90), title, font=title_font, fill=TEXT)
    draw.text((80, 210), subtitle, font=subtitle_font, fill=MUTED)
    image.save(out, format="PNG", optimize=True)


if __name__ == "__main__":
    main()
