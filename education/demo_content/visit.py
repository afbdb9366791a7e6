"""The printable visit checklist and the treatment-day timeline (staff edit both in the admin)."""

CHECKLIST = [
    # What to bring
    {
        "section": "bring",
        "text": "A driver: someone who can take you home after your session.",
        "order": 1,
    },
    {
        "section": "bring",
        "text": "A list of all your medicines, supplements and vitamins, with doses.",
        "order": 2,
    },
    {
        "section": "bring",
        "text": "Your photo ID and your insurance card.",
        "order": 3,
    },
    {
        "section": "bring",
        "text": "Your CPAP machine, if you use one and the clinic asks you to bring it.",
        "order": 4,
    },
    {
        "section": "bring",
        "text": "Something to help you relax, such as an eye mask, headphones or a soft blanket.",
        "order": 5,
    },
    {
        "section": "bring",
        "text": "Your questions, written down, and your notes on your mood since your last visit.",
        "order": 6,
    },
    # Before your visit
    {
        "section": "before",
        "text": (
            "[Clinic: confirm] Esketamine: no food for 2 hours and no drinks for 30 minutes before your dose."
        ),
        "order": 1,
    },
    {
        "section": "before",
        "text": (
            "[Clinic: confirm] IV ketamine: no solid food for 6 hours before. "
            "You may have clear drinks until 2 hours before."
        ),
        "order": 2,
    },
    {
        "section": "before",
        "text": "Do not drink alcohol or use recreational drugs before your visit.",
        "order": 3,
    },
    {
        "section": "before",
        "text": (
            "If you take a benzodiazepine or lamotrigine, ask the staff what to do. "
            "Do not stop any medicine on your own."
        ),
        "order": 4,
    },
    {
        "section": "before",
        "text": "Take your other usual pills, such as blood pressure pills, unless we tell you not to.",
        "order": 5,
    },
    {
        "section": "before",
        "text": "Wear loose, comfy clothes, and use the bathroom before your dose.",
        "order": 6,
    },
    # Getting home
    {
        "section": "getting_home",
        "text": "Arrange a ride home before you come. You cannot drive yourself home.",
        "order": 1,
    },
    {
        "section": "getting_home",
        "text": "Do not drive or use machines until the next day, after a restful night's sleep.",
        "order": 2,
    },
    {
        "section": "getting_home",
        "text": "Plan a quiet rest of the day, and avoid alcohol.",
        "order": 3,
    },
    {
        "section": "getting_home",
        "text": "[Clinic: say if a taxi or ride-share is OK, and where your driver should wait.]",
        "order": 4,
    },
]

TREATMENT_DAY = [
    {
        "title": "Arrive at the clinic",
        "duration": "[Clinic: confirm] Come 15 minutes early",
        "description": (
            "Come with your driver, or make sure they know when to pick you up. "
            "Follow the eating and drinking rules your clinic gave you."
        ),
        "order": 1,
    },
    {
        "title": "Check-in and blood pressure",
        "duration": "[Clinic: confirm] About 15 minutes",
        "description": (
            "Staff ask how you have been and check your blood pressure. "
            "You may fill in a short form about your mood. "
            "If your blood pressure is too high, your clinician may wait or change the plan."
        ),
        "order": 2,
    },
    {
        "title": "Your treatment",
        "duration": "[Clinic: add how long the dose or infusion takes]",
        "description": (
            "For esketamine, you spray the medicine into your nose yourself while staff watch. "
            "For IV ketamine, the medicine drips slowly into a vein in your arm. "
            "You stay awake, and you may feel dreamlike or detached."
        ),
        "order": 3,
    },
    {
        "title": "Rest and observation",
        "duration": "At least 2 hours",
        "description": (
            "You rest in a quiet room while staff watch you. "
            "They check your blood pressure again about 40 minutes after your dose. "
            "For esketamine, you stay at least 2 hours, and until staff agree you are ready to leave."
        ),
        "order": 4,
    },
    {
        "title": "Going home with your driver",
        "duration": "",
        "description": (
            "Someone you know drives you home. Do not drive or use machines until the next day, "
            "after a restful sleep. Rest for the rest of the day."
        ),
        "order": 5,
    },
]
