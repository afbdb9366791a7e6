"""Reference entries shared by several articles (only the sources named in the content guide)."""

SPRAVATO_LABEL = {
    "title": "SPRAVATO (esketamine) nasal spray: prescribing information and medication guide",
    "publisher": "U.S. Food and Drug Administration, via DailyMed (National Library of Medicine)",
    "year": None,
    "url": "https://dailymed.nlm.nih.gov",
}

FDA_2022_WARNING = {
    "title": (
        "FDA alerts health care professionals of potential risks associated with compounded "
        "ketamine nasal spray"
    ),
    "publisher": "U.S. Food and Drug Administration",
    "year": 2022,
    "url": "https://www.fda.gov",
}

FDA_2023_WARNING = {
    "title": (
        "FDA warns patients and health care providers about potential risks associated with "
        "compounded and at-home use of ketamine products"
    ),
    "publisher": "U.S. Food and Drug Administration",
    "year": 2023,
    "url": "https://www.fda.gov",
}

SANACORA_2017 = {
    "title": (
        "A consensus statement on the use of ketamine in the treatment of mood disorders (Sanacora et al.)"
    ),
    "publisher": "JAMA Psychiatry",
    "year": 2017,
    "url": "",
}

COHEN_2018 = {
    "title": (
        "Consensus guidelines on the use of intravenous ketamine infusions for chronic pain from ASRA, "
        "AAPM and ASA (Cohen et al.)"
    ),
    "publisher": "Regional Anesthesia and Pain Medicine",
    "year": 2018,
    "url": "",
}

ELEKT_D_2023 = {
    "title": (
        "Ketamine versus ECT for nonpsychotic treatment-resistant major depression (Anand et al., ELEKT-D)"
    ),
    "publisher": "New England Journal of Medicine",
    "year": 2023,
    "url": "",
}

EU_PEARL_TRD = {
    "title": "EU-PEARL consensus definition of treatment-resistant depression (Delphi consensus)",
    "publisher": "EU-PEARL consortium",
    "year": None,
    "url": "",
}

KETAMINE_REVIEW_2019 = {
    "title": "Review of the rapid antidepressant effects of ketamine and how long they last",
    "publisher": "Neuropsychopharmacology",
    "year": 2019,
    "url": "",
}

VA_DOD_PTSD_2023 = {
    "title": (
        "VA/DoD clinical practice guideline for the management of posttraumatic stress disorder "
        "and acute stress disorder"
    ),
    "publisher": "U.S. Department of Veterans Affairs and Department of Defense",
    "year": 2023,
    "url": "",
}

FEDER_2021 = {
    "title": (
        "A randomized controlled trial of repeated ketamine administration for chronic PTSD (Feder et al.)"
    ),
    "publisher": "American Journal of Psychiatry",
    "year": 2021,
    "url": "",
}

ABDALLAH_2022 = {
    "title": (
        "Dose-related effects of ketamine for antidepressant-resistant symptoms of PTSD in veterans "
        "and active duty military (Abdallah et al.)"
    ),
    "publisher": "Neuropsychopharmacology",
    "year": 2022,
    "url": "",
}

NATIONAL_CENTER_PTSD = {
    "title": "National Center for PTSD: understanding PTSD and its treatment",
    "publisher": "U.S. Department of Veterans Affairs",
    "year": None,
    "url": "https://www.ptsd.va.gov",
}

LIFELINE_988 = {
    "title": "988 Suicide & Crisis Lifeline",
    "publisher": "Substance Abuse and Mental Health Services Administration (SAMHSA)",
    "year": None,
    "url": "https://988lifeline.org",
}

SAMHSA_988_PRESS_2022 = {
    "title": "988 Suicide & Crisis Lifeline: press and partner guidance",
    "publisher": "Substance Abuse and Mental Health Services Administration (SAMHSA)",
    "year": 2022,
    "url": "",
}
