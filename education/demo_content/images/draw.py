"""Draw the demo content's illustrations (our own, in code): `python -m education.demo_content.images.draw`.

Simple, high-contrast diagrams with large text, so they read on a phone. The PNG files are
committed beside this script; re-run it only to change a drawing. manifest.json says which
article each belongs to, with its alt text and caption.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).parent
W, H = 1200, 675
INK, MUTED, PAPER = (22, 40, 56), (80, 96, 110), (255, 255, 255)
TEAL, SOFT_TEAL, AMBER, SOFT_AMBER = (32, 96, 118), (222, 238, 243), (166, 98, 0), (252, 240, 220)


def font(size):
    return ImageFont.load_default(size=size)


def canvas(title):
    image = Image.new("RGB", (W, H), PAPER)
    draw = ImageDraw.Draw(image)
    draw.text((60, 40), title, font=font(44), fill=INK)
    return image, draw


def centred(draw, box, text, size, fill=INK):
    x0, y0, x1, y1 = box
    lines = text.split("\n")
    f = font(size)
    heights = [draw.textbbox((0, 0), line, font=f)[3] for line in lines]
    y = y0 + (y1 - y0 - sum(heights) - 8 * (len(lines) - 1)) / 2
    for line, height in zip(lines, heights, strict=True):
        width = draw.textlength(line, font=f)
        draw.text((x0 + (x1 - x0 - width) / 2, y), line, font=f, fill=fill)
        y += height + 8


def arrow(draw, start, end, colour=MUTED):
    draw.line([start, end], fill=colour, width=6)
    x, y = end
    draw.polygon([(x, y), (x - 18, y - 12), (x - 18, y + 12)], fill=colour)


def treatment_day():
    image, draw = canvas("Your treatment day, step by step")
    steps = [
        ("Arrive", "come a little\nearly"),
        ("Check-in", "blood pressure\nand questions"),
        ("Treatment", "with staff\nnearby"),
        ("Rest", "at least\n2 hours"),
        ("Go home", "with your\ndriver"),
    ]
    box_w, gap, top = 190, 37, 200
    for n, (name, note) in enumerate(steps):
        x = 60 + n * (box_w + gap)
        fill = SOFT_AMBER if name == "Rest" else SOFT_TEAL
        draw.rounded_rectangle((x, top, x + box_w, top + 150), radius=22, fill=fill, outline=TEAL, width=4)
        draw.ellipse((x + box_w / 2 - 26, top - 26, x + box_w / 2 + 26, top + 26), fill=TEAL)
        centred(draw, (x + box_w / 2 - 26, top - 26, x + box_w / 2 + 26, top + 26), str(n + 1), 30, PAPER)
        centred(draw, (x, top + 20, x + box_w, top + 150), name, 34)
        centred(draw, (x, top + 170, x + box_w, top + 270), note, 26, MUTED)
        if n < len(steps) - 1:
            arrow(draw, (x + box_w + 4, top + 75), (x + box_w + gap - 4, top + 75))
    draw.text(
        (60, 560), "No driving until the next day, after a good night's sleep.", font=font(30), fill=AMBER
    )
    return image


def nasal_spray():
    image, draw = canvas("How an esketamine nasal-spray dose is given")
    panels = [
        ("1", "Blood pressure\nchecked first"),
        ("2", "You use the spray\nyourself: one spray\nin each nostril"),
        ("3", "If you use more\nthan one device,\nwait 5 minutes"),
        ("4", "Staff watch over you\nfor at least 2 hours"),
    ]
    box_w, gap, top = 250, 33, 150
    for n, (number, text) in enumerate(panels):
        x = 60 + n * (box_w + gap)
        draw.rounded_rectangle(
            (x, top, x + box_w, top + 380), radius=22, fill=SOFT_TEAL, outline=TEAL, width=4
        )
        centred(draw, (x, top + 15, x + box_w, top + 75), number, 44, TEAL)
        centred(draw, (x, top + 250, x + box_w, top + 370), text, 24)
        cx, cy = x + box_w / 2, top + 175
        if number == "1":
            draw.rounded_rectangle((cx - 70, cy - 35, cx + 70, cy + 35), radius=14, outline=INK, width=5)
            draw.line([(cx + 70, cy), (cx + 100, cy + 50)], fill=INK, width=5)
            draw.ellipse((cx + 85, cy + 45, cx + 120, cy + 80), outline=INK, width=5)
        elif number == "2":
            draw.rounded_rectangle(
                (cx - 22, cy - 45, cx + 22, cy + 65), radius=12, fill=PAPER, outline=INK, width=5
            )
            draw.rectangle((cx - 10, cy - 75, cx + 10, cy - 45), fill=INK)
            draw.rectangle((cx - 45, cy + 15, cx + 45, cy + 29), fill=INK)
        elif number == "3":
            draw.ellipse((cx - 70, cy - 70, cx + 70, cy + 70), outline=INK, width=6)
            draw.line([(cx, cy), (cx, cy - 50)], fill=INK, width=6)
            draw.line([(cx, cy), (cx + 40, cy + 10)], fill=INK, width=6)
        else:
            draw.ellipse((cx - 30, cy - 80, cx + 30, cy - 20), outline=INK, width=5)
            draw.arc((cx - 70, cy - 10, cx + 70, cy + 110), 180, 360, fill=INK, width=5)
        if n < len(panels) - 1:
            arrow(draw, (x + box_w + 2, top + 190), (x + box_w + gap - 2, top + 190))
    draw.text(
        (60, 570),
        "Esketamine is only given in a certified clinic, never taken home.",
        font=font(28),
        fill=AMBER,
    )
    return image


def fair_try():
    image, draw = canvas("What counts as a “fair try” of a medicine")
    checks = [
        ("The right dose", "a dose your clinician\nexpects to work"),
        ("Long enough", "often 6 to 8 weeks\nat that dose"),
        ("Taken as prescribed", "most days, as\nyour clinician said"),
    ]
    box_w, gap, top = 330, 45, 170
    for n, (name, note) in enumerate(checks):
        x = 60 + n * (box_w + gap)
        draw.rounded_rectangle(
            (x, top, x + box_w, top + 250), radius=22, fill=SOFT_TEAL, outline=TEAL, width=4
        )
        cx = x + box_w / 2
        draw.line([(cx - 30, top + 45), (cx - 8, top + 70), (cx + 30, top + 20)], fill=TEAL, width=9)
        centred(draw, (x, top + 85, x + box_w, top + 135), name, 32)
        centred(draw, (x, top + 140, x + box_w, top + 240), note, 27, MUTED)
        if n < len(checks) - 1:
            centred(draw, (x + box_w, top + 100, x + box_w + gap, top + 150), "+", 48, TEAL)
    draw.rounded_rectangle((60, 470, 1140, 600), radius=22, fill=SOFT_AMBER, outline=AMBER, width=4)
    centred(
        draw,
        (60, 470, 1140, 600),
        "If two medicines each had a fair try and did not help enough,\n"
        "doctors may call the depression “treatment-resistant”.",
        28,
    )
    return image


def blood_pressure():
    image, draw = canvas("Blood-pressure checks during a visit")
    left, right, axis = 100, 1120, 470
    draw.line([(left, axis), (right, axis)], fill=MUTED, width=6)
    marks = [
        (150, "Before\nthe dose", True),
        (470, "About 40 minutes\nafter the dose", True),
        (800, "Again if it\nis still high", False),
        (1070, "Before you\ngo home", True),
    ]
    for x, label, always in marks:
        colour = TEAL if always else AMBER
        draw.ellipse((x - 22, axis - 22, x + 22, axis + 22), fill=colour)
        draw.rounded_rectangle((x - 60, axis - 190, x + 60, axis - 70), radius=14, outline=colour, width=5)
        draw.rectangle((x - 40, axis - 160, x + 40, axis - 120), outline=colour, width=4)
        draw.line([(x, axis - 70), (x, axis - 22)], fill=colour, width=4)
        centred(draw, (x - 150, axis + 35, x + 150, axis + 130), label, 26)
    draw.text((100, 140), "Treatment can raise blood pressure for a while.", font=font(30), fill=MUTED)
    draw.text(
        (100, 625), "Tell staff if you have a headache, chest pain or feel unwell.", font=font(28), fill=AMBER
    )
    return image


DRAWINGS = {
    "treatment-day-timeline.png": treatment_day,
    "nasal-spray-dose.png": nasal_spray,
    "fair-try.png": fair_try,
    "blood-pressure-checks.png": blood_pressure,
}


def main():
    for name, draw in DRAWINGS.items():
        draw().quantize(colors=32).save(HERE / name, optimize=True)


if __name__ == "__main__":
    main()
