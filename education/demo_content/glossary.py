"""Plain-language definitions of the terms used across the site."""

GLOSSARY = [
    {
        "slug": "anesthetic",
        "term": "Anesthetic",
        "definition": (
            "A medicine that stops you feeling pain, or puts you to sleep, for surgery or a procedure."
        ),
        "also_known_as": "anaesthetic",
    },
    {
        "slug": "aneurysm",
        "term": "Aneurysm",
        "definition": "A weak spot in the wall of a blood vessel that bulges out. It can burst and bleed.",
        "also_known_as": "",
    },
    {
        "slug": "antidepressant",
        "term": "Antidepressant",
        "definition": "A medicine used to treat depression. Most are pills you take every day.",
        "also_known_as": "",
    },
    {
        "slug": "arteriovenous-malformation",
        "term": "Arteriovenous malformation",
        "definition": (
            "A tangle of blood vessels that are not formed the usual way. "
            "It is often in the brain, and it can bleed."
        ),
        "also_known_as": "AVM",
    },
    {
        "slug": "benzodiazepine",
        "term": "Benzodiazepine",
        "definition": (
            "A calming medicine, such as diazepam or lorazepam. "
            "It is used for anxiety, sleep or seizures. It can add to the sleepy effect of ketamine."
        ),
        "also_known_as": "benzo",
    },
    {
        "slug": "blood-pressure",
        "term": "Blood pressure",
        "definition": (
            "The force of your blood pushing against the walls of your blood vessels. "
            "Ketamine and esketamine can raise it for a few hours."
        ),
        "also_known_as": "BP",
    },
    {
        "slug": "booster-session",
        "term": "Booster session",
        "definition": "An extra treatment session after the first series, to help the effect last.",
        "also_known_as": "maintenance session",
    },
    {
        "slug": "clinician",
        "term": "Clinician",
        "definition": (
            "A health worker who treats you. "
            "It may be a doctor, a nurse practitioner or a physician assistant."
        ),
        "also_known_as": "provider, prescriber",
    },
    {
        "slug": "complex-regional-pain-syndrome",
        "term": "Complex regional pain syndrome",
        "definition": (
            "Long-lasting pain, often in an arm or leg, that is far worse than the injury that started it. "
            "The skin may also change in color, warmth or swelling."
        ),
        "also_known_as": "CRPS",
    },
    {
        "slug": "compounded-medicine",
        "term": "Compounded medicine",
        "definition": "A medicine mixed by a pharmacy for one person. It is not an FDA-approved product.",
        "also_known_as": "compounded drug",
    },
    {
        "slug": "controlled-substance",
        "term": "Controlled substance",
        "definition": "A drug that the law limits because people can misuse it or become dependent on it.",
        "also_known_as": "controlled drug",
    },
    {
        "slug": "cpap",
        "term": "CPAP",
        "definition": (
            "A machine with a mask that blows air gently to keep your airway open while you sleep. "
            "It is used for sleep apnea."
        ),
        "also_known_as": "continuous positive airway pressure",
    },
    {
        "slug": "dissociation",
        "term": "Dissociation",
        "definition": (
            "Feeling detached from your body or your surroundings, as if in a dream. "
            "It is a common, short-lived effect of ketamine and esketamine."
        ),
        "also_known_as": "feeling detached",
    },
    {
        "slug": "ect",
        "term": "Electroconvulsive therapy",
        "definition": (
            "A treatment for severe depression. You are put to sleep with medicine. "
            "Then a brief, controlled electric current is passed through the brain."
        ),
        "also_known_as": "ECT",
    },
    {
        "slug": "esketamine",
        "term": "Esketamine",
        "definition": (
            "One of the two mirror-image forms that make up ketamine. It is a nasal spray, sold as Spravato, "
            "and it is FDA-approved for some adults with depression."
        ),
        "also_known_as": "Spravato",
    },
    {
        "slug": "fda-approved",
        "term": "FDA-approved",
        "definition": (
            "The U.S. Food and Drug Administration has reviewed a medicine and approved it for a certain use."
        ),
        "also_known_as": "",
    },
    {
        "slug": "glaucoma",
        "term": "Glaucoma",
        "definition": (
            "An eye disease that can harm your sight. It is often linked to high pressure inside the eye."
        ),
        "also_known_as": "",
    },
    {
        "slug": "infusion",
        "term": "Infusion",
        "definition": "A medicine given slowly into a vein through a thin tube, over a set time.",
        "also_known_as": "drip",
    },
    {
        "slug": "intake-visit",
        "term": "Intake visit",
        "definition": (
            "Your first visit. Your clinician learns about your health, your past treatments and your goals."
        ),
        "also_known_as": "first visit, assessment",
    },
    {
        "slug": "intravenous",
        "term": "Intravenous",
        "definition": "Into a vein. An IV is a thin tube placed in a vein to give medicine or fluid.",
        "also_known_as": "IV",
    },
    {
        "slug": "investigational",
        "term": "Investigational",
        "definition": "Still being studied. There is not yet enough proof that it works for this use.",
        "also_known_as": "experimental",
    },
    {
        "slug": "ketamine",
        "term": "Ketamine",
        "definition": (
            "A medicine that the FDA has approved to put people to sleep for surgery. "
            "It is also used off-label for depression and some kinds of pain."
        ),
        "also_known_as": "racemic ketamine",
    },
    {
        "slug": "maoi",
        "term": "MAOI",
        "definition": (
            "An older type of antidepressant, such as phenelzine. It can raise blood pressure when mixed "
            "with some other medicines."
        ),
        "also_known_as": "monoamine oxidase inhibitor",
    },
    {
        "slug": "neuropathic-pain",
        "term": "Neuropathic pain",
        "definition": (
            "Pain caused by damaged or irritated nerves. It may burn, tingle or feel like electric shocks."
        ),
        "also_known_as": "nerve pain",
    },
    {
        "slug": "off-label",
        "term": "Off-label",
        "definition": (
            "When a medicine is used for something the FDA has not approved it for. "
            "Clinicians may still prescribe it this way."
        ),
        "also_known_as": "",
    },
    {
        "slug": "placebo",
        "term": "Placebo",
        "definition": (
            "A dummy treatment with no active medicine. Studies use it to see if a real treatment works."
        ),
        "also_known_as": "dummy treatment",
    },
    {
        "slug": "psychosis",
        "term": "Psychosis",
        "definition": (
            "Losing touch with what is real. "
            "You may hear or see things others do not, or hold strong false beliefs."
        ),
        "also_known_as": "",
    },
    {
        "slug": "ptsd",
        "term": "Post-traumatic stress disorder",
        "definition": (
            "A condition that can follow a frightening or harmful event. "
            "It can cause bad memories and nightmares. You may feel on edge or avoid reminders."
        ),
        "also_known_as": "PTSD",
    },
    {
        "slug": "randomized-controlled-trial",
        "term": "Randomized controlled trial",
        "definition": (
            "A study where chance decides which treatment each person gets. "
            "It is one of the fairest ways to test a treatment."
        ),
        "also_known_as": "RCT",
    },
    {
        "slug": "rems",
        "term": "REMS",
        "definition": (
            "An FDA program with extra rules for a medicine that has serious risks. "
            "For esketamine, it means you get it only in a certified clinic. "
            "You are watched for at least 2 hours."
        ),
        "also_known_as": "Risk Evaluation and Mitigation Strategy",
    },
    {
        "slug": "remission",
        "term": "Remission",
        "definition": "When your symptoms are gone or almost gone.",
        "also_known_as": "",
    },
    {
        "slug": "response",
        "term": "Response",
        "definition": (
            "When your symptoms get a lot better, but may not be fully gone. "
            "Studies often count a drop of half or more as a response."
        ),
        "also_known_as": "treatment response",
    },
    {
        "slug": "schedule-iii",
        "term": "Schedule III",
        "definition": (
            "A group of controlled substances that have medical uses but can be misused. "
            "Ketamine and esketamine are in this group."
        ),
        "also_known_as": "Schedule 3",
    },
    {
        "slug": "sleep-apnea",
        "term": "Sleep apnea",
        "definition": "A condition where your breathing stops and starts many times while you sleep.",
        "also_known_as": "",
    },
    {
        "slug": "treatment-resistant-depression",
        "term": "Treatment-resistant depression",
        "definition": (
            "Depression that has not gotten better enough after at least two medicines for depression. "
            "Each one must have been taken at a full dose for long enough."
        ),
        "also_known_as": "TRD",
    },
    {
        "slug": "trauma-focused-psychotherapy",
        "term": "Trauma-focused psychotherapy",
        "definition": (
            "Talk therapy that helps you work through a trauma. "
            "One type is prolonged exposure. Others are cognitive processing therapy and EMDR."
        ),
        "also_known_as": "PE, CPT, EMDR",
    },
]
