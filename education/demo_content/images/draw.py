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
        ("Rest", "esketamine:\nat least 2 hours"),
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
        (60, 520),
        "No driving after esketamine until the next day, after a restful sleep.\n"
        "No driving after IV ketamine for at least 24 hours.",
        font=font(30),
        fill=AMBER,
        spacing=14,
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


def crisis_card():
    image, draw = canvas("In a crisis: what to do now")
    rows = [
        ("In danger\nright now?", "Call 911, or go to the\nnearest emergency room.", AMBER, SOFT_AMBER),
        (
            "Thoughts of suicide,\nor in distress?",
            "Call or text 988, or chat at\n988lifeline.org. Open 24/7.",
            TEAL,
            SOFT_TEAL,
        ),
        (
            "Feeling low\nbetween sessions?",
            "Tell your clinician soon.\nYou can call 988 at any time.",
            TEAL,
            PAPER,
        ),
    ]
    top, row_h, gap = 125, 120, 18
    for n, (question, action, colour, fill) in enumerate(rows):
        y = top + n * (row_h + gap)
        draw.rounded_rectangle((60, y, 1140, y + row_h), radius=22, fill=fill, outline=colour, width=5)
        centred(draw, (70, y, 470, y + row_h), question, 32, colour)
        arrow(draw, (480, y + row_h / 2), (560, y + row_h / 2), colour)
        centred(draw, (570, y, 1130, y + row_h), action, 32)
    draw.text((60, 545), "When you call 988: veterans press 1, Spanish press 2.", font=font(28), fill=MUTED)
    draw.text((60, 590), "Save 988 in your phone today, so help is one tap away.", font=font(30), fill=INK)
    return image


def two_ways():
    image, draw = canvas("Two ways the treatment is given")
    columns = [
        (
            "IV ketamine",
            "A slow drip into\na vein in your arm",
            "Off-label for depression",
            "Often about 6 sessions over\n2 to 3 weeks, then boosters",
        ),
        (
            "Esketamine",
            "A nasal spray you use\nyourself, staff watching",
            "FDA-approved for some adults",
            "Two sessions a week\nat first, then fewer",
        ),
    ]
    box_w, top = 520, 115
    for n, (name, how, status, plan) in enumerate(columns):
        x = 60 + n * (box_w + 40)
        draw.rounded_rectangle(
            (x, top, x + box_w, top + 420), radius=22, fill=SOFT_TEAL, outline=TEAL, width=4
        )
        centred(draw, (x, top + 10, x + box_w, top + 65), name, 38, TEAL)
        cx, cy = x + 95, top + 150
        if n == 0:  # a drip bag with its line
            draw.rounded_rectangle(
                (cx - 35, cy - 60, cx + 35, cy + 20), radius=12, fill=PAPER, outline=INK, width=5
            )
            draw.line([(cx, cy + 20), (cx, cy + 70)], fill=INK, width=5)
            draw.ellipse((cx - 9, cy + 65, cx + 9, cy + 83), fill=INK)
        else:  # a nasal-spray device
            draw.rounded_rectangle(
                (cx - 22, cy - 40, cx + 22, cy + 70), radius=12, fill=PAPER, outline=INK, width=5
            )
            draw.rectangle((cx - 10, cy - 70, cx + 10, cy - 40), fill=INK)
            draw.rectangle((cx - 45, cy + 20, cx + 45, cy + 34), fill=INK)
        centred(draw, (x + 170, top + 85, x + box_w - 10, top + 215), how, 27)
        draw.line([(x + 30, top + 250), (x + box_w - 30, top + 250)], fill=TEAL, width=2)
        centred(draw, (x + 10, top + 260, x + box_w - 10, top + 310), status, 27, MUTED)
        centred(draw, (x + 10, top + 315, x + box_w - 10, top + 410), plan, 27)
    draw.text((60, 560), "Both: only in a clinic, with staff watching you.", font=font(30), fill=INK)
    draw.text((60, 605), "Between sessions: keep a mood diary.", font=font(30), fill=AMBER)
    return image


def cost_steps():
    image, draw = canvas("Find out what you will pay, in 4 steps")
    steps = [
        ("Call your\nhealth plan", "ask about the\nmedicine and the\ntime staff watch you"),
        ("Ask about prior\nauthorization", "your plan agrees\nfirst: a few days\nto a few weeks"),
        ("Ask us for\nan estimate", "in writing,\nboosters\nincluded"),
        ("Ask about\nhelp with costs", "the maker's\nsavings program\nhas limits"),
    ]
    box_w, gap, top = 240, 40, 150
    for n, (name, note) in enumerate(steps):
        x = 60 + n * (box_w + gap)
        draw.rounded_rectangle(
            (x, top, x + box_w, top + 140), radius=22, fill=SOFT_TEAL, outline=TEAL, width=4
        )
        draw.ellipse((x + box_w / 2 - 26, top - 26, x + box_w / 2 + 26, top + 26), fill=TEAL)
        centred(draw, (x + box_w / 2 - 26, top - 26, x + box_w / 2 + 26, top + 26), str(n + 1), 30, PAPER)
        centred(draw, (x, top + 25, x + box_w, top + 135), name, 28)
        centred(draw, (x, top + 155, x + box_w, top + 280), note, 25, MUTED)
        if n < len(steps) - 1:
            arrow(draw, (x + box_w + 4, top + 70), (x + box_w + gap - 4, top + 70))
    band(
        draw,
        (60, 465, 1140, 620),
        "Each part may have its own charge: the first visit,\n"
        "each session, the time staff watch you, boosters.",
        29,
    )
    return image


def what_to_bring():
    image, draw = canvas("What to bring to your first visit")
    things = [
        ("list", "Your\nmedicines\nlist"),
        ("list", "Your past\ntreatments"),
        ("card", "Photo ID and\ninsurance\ncard"),
        ("question", "Your\nquestions,\nwritten down"),
        ("phone", "Your\ndriver's name\nand number"),
    ]
    box_w, gap, top = 196, 25, 140
    for n, (icon, label) in enumerate(things):
        x = 60 + n * (box_w + gap)
        draw.rounded_rectangle(
            (x, top, x + box_w, top + 360), radius=22, fill=SOFT_TEAL, outline=TEAL, width=4
        )
        cx, cy = x + box_w / 2, top + 110
        if icon == "list":
            draw.rectangle((cx - 45, cy - 60, cx + 45, cy + 60), fill=PAPER, outline=INK, width=5)
            for k in range(4):
                draw.line([(cx - 28, cy - 32 + 22 * k), (cx + 28, cy - 32 + 22 * k)], fill=INK, width=5)
        elif icon == "card":
            draw.rounded_rectangle(
                (cx - 70, cy - 45, cx + 70, cy + 45), radius=10, fill=PAPER, outline=INK, width=5
            )
            draw.ellipse((cx - 55, cy - 25, cx - 15, cy + 15), outline=INK, width=5)
            draw.line([(cx, cy - 15), (cx + 50, cy - 15)], fill=INK, width=5)
            draw.line([(cx, cy + 10), (cx + 50, cy + 10)], fill=INK, width=5)
        elif icon == "question":
            draw.rounded_rectangle(
                (cx - 60, cy - 50, cx + 60, cy + 35), radius=18, fill=PAPER, outline=INK, width=5
            )
            draw.polygon([(cx - 25, cy + 33), (cx - 40, cy + 65), (cx, cy + 33)], fill=INK)
            centred(draw, (cx - 60, cy - 50, cx + 60, cy + 35), "?", 52, INK)
        else:
            draw.rounded_rectangle(
                (cx - 35, cy - 65, cx + 35, cy + 65), radius=12, fill=PAPER, outline=INK, width=5
            )
            draw.line([(cx - 12, cy + 48), (cx + 12, cy + 48)], fill=INK, width=5)
        centred(draw, (x, top + 200, x + box_w, top + 350), label, 26)
    draw.text(
        (60, 545), "Your CPAP machine too, if you use one and the clinic asks.", font=font(28), fill=MUTED
    )
    draw.text((60, 595), "Tick each one off as you pack your bag.", font=font(30), fill=AMBER)
    return image


def course_timeline():
    image, draw = canvas("Your course of treatment, step by step")
    # The first weeks
    draw.rounded_rectangle((60, 200, 400, 440), radius=22, fill=SOFT_TEAL, outline=TEAL, width=4)
    centred(draw, (60, 210, 400, 260), "The first weeks", 32, TEAL)
    centred(
        draw,
        (70, 265, 390, 430),
        "Esketamine: 2 sessions\na week, weeks 1 to 4\n\n"
        "IV ketamine: often\nabout 6 sessions\nover 2 to 3 weeks",
        24,
    )
    arrow(draw, (404, 320), (470, 320))
    # The decision point
    cx, cy = 580, 320
    draw.polygon(
        [(cx, cy - 110), (cx + 110, cy), (cx, cy + 110), (cx - 110, cy)], fill=SOFT_AMBER, outline=AMBER
    )
    centred(draw, (cx - 90, cy - 60, cx + 90, cy + 60), "Around\nweek 4:\nreview", 28)
    # The two ways on
    draw.line([(cx + 110, cy), (740, 195)], fill=MUTED, width=6)
    arrow(draw, (740, 195), (780, 195))
    draw.line([(cx + 110, cy), (740, 445)], fill=MUTED, width=6)
    arrow(draw, (740, 445), (780, 445))
    draw.rounded_rectangle((785, 110, 1140, 290), radius=22, fill=SOFT_TEAL, outline=TEAL, width=4)
    centred(draw, (785, 118, 1140, 165), "If it helps", 30, TEAL)
    centred(draw, (795, 165, 1130, 285), "Fewer sessions to\nkeep the benefit.\nPlan any stop together.", 25)
    draw.rounded_rectangle((785, 355, 1140, 535), radius=22, fill=PAPER, outline=TEAL, width=4)
    centred(draw, (785, 363, 1140, 410), "If it does not help", 30, TEAL)
    centred(draw, (795, 410, 1130, 530), "Talk about other\ntreatments. It is\nnot your fault.", 25)
    # All the way through
    draw.rounded_rectangle((60, 570, 1140, 640), radius=18, fill=SOFT_AMBER, outline=AMBER, width=4)
    centred(
        draw, (60, 570, 1140, 640), "All the way through: keep a mood diary and bring it to each visit.", 28
    )
    return image


def steps_row(draw, steps, top, box_h, note_h, size=28, note_size=25):
    """Numbered boxes left to right, joined by arrows, each with a note below it."""
    gap = 36
    box_w = (W - 120 - gap * (len(steps) - 1)) / len(steps)
    for n, (name, note) in enumerate(steps):
        x = 60 + n * (box_w + gap)
        draw.rounded_rectangle(
            (x, top, x + box_w, top + box_h), radius=22, fill=SOFT_TEAL, outline=TEAL, width=4
        )
        draw.ellipse((x + box_w / 2 - 26, top - 26, x + box_w / 2 + 26, top + 26), fill=TEAL)
        centred(draw, (x + box_w / 2 - 26, top - 26, x + box_w / 2 + 26, top + 26), str(n + 1), 30, PAPER)
        centred(draw, (x + 8, top + 25, x + box_w - 8, top + box_h - 5), name, size)
        if note:
            centred(draw, (x, top + box_h + 10, x + box_w, top + box_h + note_h), note, note_size, MUTED)
        if n < len(steps) - 1:
            arrow(draw, (x + box_w + 4, top + box_h / 2), (x + box_w + gap - 4, top + box_h / 2))


def band(draw, box, text, size=28):
    draw.rounded_rectangle(box, radius=22, fill=SOFT_AMBER, outline=AMBER, width=4)
    centred(draw, box, text, size)


def compare_card():
    image, draw = canvas("Esketamine or IV ketamine: side by side")
    rows = [
        ("FDA approval", "Approved for some\nadults with depression", "Off-label for depression"),
        ("How it is given", "A nasal spray you use\nyourself, staff watching", "A slow drip\ninto a vein"),
        ("Visits at first", "Twice a week\nfor 4 weeks", "Often about 6 sessions\nover 2 to 3 weeks"),
        ("Paying", "Insurance often\ncovers it", "Often self-pay:\nyou pay yourself"),
    ]
    label_w, col_w, top, head_h, row_h = 280, 400, 115, 60, 95
    x1, x2 = 60 + label_w, 60 + label_w + col_w
    for x, name in ((x1, "Esketamine spray"), (x2, "IV ketamine")):
        draw.rounded_rectangle((x + 6, top, x + col_w - 6, top + head_h), radius=16, fill=TEAL)
        centred(draw, (x, top, x + col_w, top + head_h), name, 32, PAPER)
    for n, (label, spray, drip) in enumerate(rows):
        y = top + head_h + 10 + n * row_h
        if n % 2 == 0:
            draw.rectangle((60, y, x2 + col_w, y + row_h), fill=SOFT_TEAL)
        draw.text((75, y + row_h / 2 - 16), label, font=font(30), fill=TEAL)
        centred(draw, (x1, y, x1 + col_w, y + row_h), spray, 26)
        centred(draw, (x2, y, x2 + col_w, y + row_h), drip, 26)
    draw.line([(x2, top + head_h + 10), (x2, top + head_h + 10 + 4 * row_h)], fill=TEAL, width=2)
    band(
        draw,
        (60, 565, 1140, 650),
        "Both: only in a clinic, with a ride home after.\nAsk your clinician which one fits you.",
        28,
    )
    return image


def ptsd_studies():
    image, draw = canvas("Ketamine for PTSD: what 3 studies found")
    studies = [
        (
            "2021 study",
            "30 adults, most\nof them civilians",
            "Ketamine helped\nmore than a\ncomparison medicine",
        ),
        ("2022 study", "158 veterans and\nservice members", "Ketamine did not\nhelp more than\na placebo"),
        ("A review", "6 studies\npooled together", "The effect was\ntoo small to\nbe sure of"),
    ]
    box_w, gap, top = 330, 45, 120
    for n, (name, who, found) in enumerate(studies):
        x = 60 + n * (box_w + gap)
        fill = SOFT_TEAL if n == 0 else PAPER
        draw.rounded_rectangle((x, top, x + box_w, top + 400), radius=22, fill=fill, outline=TEAL, width=4)
        centred(draw, (x, top + 10, x + box_w, top + 65), name, 34, TEAL)
        centred(draw, (x, top + 70, x + box_w, top + 160), who, 26, MUTED)
        draw.line([(x + 30, top + 175), (x + box_w - 30, top + 175)], fill=TEAL, width=2)
        centred(draw, (x, top + 190, x + box_w, top + 390), found, 30)
    band(
        draw,
        (60, 545, 1140, 640),
        "So far, we do not know if ketamine helps PTSD.\nProven treatments come first.",
        30,
    )
    return image


def ptsd_steps():
    image, draw = canvas("Your next steps with PTSD")
    steps_row(
        draw,
        [
            ("Ask about\ntrauma-focused\ntherapy", "PE, CPT\nor EMDR"),
            ("List the PTSD\ntreatments\nyou have tried", "and how\neach one went"),
            ("Ask what the\nresearch shows\nfor you", "what it does\nand does not show"),
            ("If you try\nketamine, keep\na mood diary", "agree how you\nwill judge it"),
        ],
        top=170,
        box_h=190,
        note_h=110,
        size=27,
    )
    band(
        draw,
        (60, 510, 1140, 630),
        "Call or text 988 any time. Veterans press 1, or text 838255.\nIn danger right now? Call 911.",
        30,
    )
    return image


def side_effect_steps():
    image, draw = canvas("What you do before, during and after a dose")
    columns = [
        ("Before", "Tell your clinician\nevery medicine and\nsupplement, and any\nalcohol or drug use."),
        ("During", "Tell staff right away\nif you feel unwell.\nStaff watch you\nthe whole time."),
        (
            "After",
            "No driving: esketamine,\nnot until the next day,\nafter restful sleep;\nIV ketamine, at least\n"
            "24 hours. Note side\neffects in your diary.",
        ),
    ]
    box_w, gap, top = 330, 45, 120
    for n, (name, text) in enumerate(columns):
        x = 60 + n * (box_w + gap)
        draw.rounded_rectangle(
            (x, top, x + box_w, top + 380), radius=22, fill=SOFT_TEAL, outline=TEAL, width=4
        )
        draw.rounded_rectangle((x, top, x + box_w, top + 70), radius=22, fill=TEAL)
        centred(draw, (x, top, x + box_w, top + 70), name, 36, PAPER)
        centred(draw, (x + 10, top + 85, x + box_w - 10, top + 370), text, 28)
        if n < len(columns) - 1:
            arrow(draw, (x + box_w + 4, top + 200), (x + box_w + gap - 4, top + 200))
    band(
        draw,
        (60, 525, 1140, 640),
        "Chest pain, trouble breathing or signs of a stroke:\n"
        "call 911. Thoughts of suicide: call or text 988.",
        29,
    )
    return image


def past_medicines():
    image, draw = canvas("List each depression medicine you have tried")
    columns = [("Medicine", 250), ("Dose", 220), ("How long", 220), ("How it went", 390)]
    top, head_h, row_h = 125, 64, 78
    x = 60
    for name, width in columns:
        draw.rectangle((x, top, x + width, top + head_h), fill=TEAL, outline=PAPER, width=2)
        centred(draw, (x, top, x + width, top + head_h), name, 30, PAPER)
        x += width
    hints = ["its name", "the dose\nyou took", "how many\nweeks", "Did it help?\nAny side effects?"]
    for row in range(3):
        y = top + head_h + row * row_h
        x = 60
        for col, (_, width) in enumerate(columns):
            draw.rectangle(
                (x, y, x + width, y + row_h), fill=SOFT_TEAL if row == 0 else PAPER, outline=TEAL, width=3
            )
            if row == 0:
                centred(draw, (x, y, x + width, y + row_h), hints[col], 24, MUTED)
            x += width
    draw.text(
        (60, 435), "One line for each medicine. Add a line for each one you tried.", font=font(28), fill=INK
    )
    band(
        draw,
        (60, 500, 1140, 640),
        "Bring the list to your first visit. Your clinician checks\n"
        "each line: the right dose, long enough, taken as prescribed.",
        28,
    )
    return image


def who_watches_you():
    image, draw = canvas("Who watches you in the clinic, and why")
    steps_row(
        draw,
        [
            ("Before\nyou start", "Your clinician\nchecks your health\nand medicines"),
            ("At each\ndose", "Staff check your\nblood pressure\nbefore and after"),
            ("After\nthe dose", "Staff watch you\nuntil the effects\nsettle"),
            ("Going\nhome", "Your driver\ntakes you home"),
            ("Over\ntime", "Your clinician\nasks how you\nare doing"),
        ],
        top=150,
        box_h=130,
        note_h=150,
        size=30,
        note_size=24,
    )
    draw.text(
        (60, 455), "Why: problems such as high blood pressure or slowed breathing", font=font(28), fill=MUTED
    )
    draw.text((60, 495), "can be caught in time.", font=font(28), fill=MUTED)
    band(
        draw,
        (60, 550, 1140, 645),
        "Your part: bring your medicines list and your driver,\nand tell your clinician about any drug use.",
        28,
    )
    return image


DRAWINGS = {
    "treatment-day-timeline.png": treatment_day,
    "nasal-spray-dose.png": nasal_spray,
    "fair-try.png": fair_try,
    "blood-pressure-checks.png": blood_pressure,
    "crisis-what-to-do-now.png": crisis_card,
    "two-ways-it-is-given.png": two_ways,
    "cost-steps.png": cost_steps,
    "what-to-bring-first-visit.png": what_to_bring,
    "course-of-treatment-timeline.png": course_timeline,
    "esketamine-or-iv-side-by-side.png": compare_card,
    "ptsd-what-studies-found.png": ptsd_studies,
    "ptsd-next-steps.png": ptsd_steps,
    "side-effects-what-you-do.png": side_effect_steps,
    "past-medicines-list.png": past_medicines,
    "who-watches-you.png": who_watches_you,
}


def main(names=None):
    for name, draw in DRAWINGS.items():
        if names and name not in names:
            continue
        draw().quantize(colors=32).save(HERE / name, optimize=True)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])  # only the named files, or all
