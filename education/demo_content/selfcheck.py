"""Questions for the private pre-visit self-check.

The guidance says what to raise and why. It never says whether someone can or cannot have treatment.
"""

SELF_CHECK_QUESTIONS = [
    {
        "slug": "thoughts-of-suicide",
        "text": "Are you having thoughts of suicide or of harming yourself?",
        "help_text": "This includes thoughts that come and go, or that you have had in the last few weeks.",
        "attention_answer": "yes",
        "level": "urgent",
        "guidance": (
            "Please get help now: call or text 988, or chat at 988lifeline.org, any time. "
            "If you are in danger right now, call 911 or go to the nearest emergency room. "
            "Then tell your clinician too."
        ),
        "order": 1,
    },
    {
        "slug": "aneurysm-or-brain-bleeding",
        "text": "Have you ever had an aneurysm, an AVM, or bleeding in the brain?",
        "help_text": (
            "An aneurysm is a weak, bulging spot in a blood vessel. An AVM is a tangle of blood vessels."
        ),
        "attention_answer": "yes",
        "level": "check",
        "guidance": (
            "Tell your clinician about this before any treatment. "
            "Treatment raises blood pressure. "
            "The esketamine label says it should not be used with these conditions. "
            "Your clinician will talk with you about your choices."
        ),
        "order": 2,
    },
    {
        "slug": "blood-pressure-or-heart",
        "text": "Do you have high blood pressure, heart disease, or a blood vessel disease?",
        "help_text": "Say yes even if your blood pressure is treated with medicine.",
        "attention_answer": "yes",
        "level": "check",
        "guidance": (
            "Tell your clinician about this at your first visit. "
            "Treatment can raise your blood pressure for a few hours, so your clinician needs to plan for it."
        ),
        "order": 3,
    },
    {
        "slug": "stroke-or-brain-injury",
        "text": "Have you ever had a stroke or a brain injury?",
        "help_text": "",
        "attention_answer": "yes",
        "level": "check",
        "guidance": (
            "Tell your clinician when it happened and how it was treated. "
            "Treatment raises blood pressure for a while, so your clinician needs to weigh this."
        ),
        "order": 4,
    },
    {
        "slug": "psychosis-or-mania",
        "text": "Have you ever had psychosis, mania, or bipolar disorder?",
        "help_text": (
            "Psychosis means losing touch with what is real. "
            "Mania is a time of very high energy and little sleep."
        ),
        "attention_answer": "yes",
        "level": "check",
        "guidance": (
            "Tell your clinician, even if it was long ago. "
            "Ketamine changes how you sense things for a short time, so your clinician needs to know."
        ),
        "order": 5,
    },
    {
        "slug": "pregnancy-or-breastfeeding",
        "text": "Are you pregnant, planning a pregnancy, or breastfeeding?",
        "help_text": "",
        "attention_answer": "yes",
        "level": "check",
        "guidance": (
            "Tell your clinician before you start. "
            "Ketamine and esketamine may harm a baby, so it is best to avoid them at these times."
        ),
        "order": 6,
    },
    {
        "slug": "alcohol-or-drug-use",
        "text": "Do you drink alcohol or use drugs, or have you had problems with them in the past?",
        "help_text": "This includes cannabis and any ketamine used outside medical care.",
        "attention_answer": "yes",
        "level": "tell",
        "guidance": (
            "Tell your clinician about this honestly. "
            "Ketamine can be misused, and alcohol adds to its sleepy effect. "
            "Your clinician needs the full picture to plan your care."
        ),
        "order": 7,
    },
    {
        "slug": "sedating-medicines",
        "text": "Do you take benzodiazepines, opioids, or sleep medicines?",
        "help_text": "Benzodiazepines are calming medicines such as diazepam, lorazepam or alprazolam.",
        "attention_answer": "yes",
        "level": "tell",
        "guidance": (
            "Tell your clinician, and do not stop them on your own. "
            "They add to the sleepy effect of treatment and can slow your breathing. "
            "Benzodiazepines may also weaken how well it works."
        ),
        "order": 8,
    },
    {
        "slug": "stimulants-or-maois",
        "text": "Do you take a stimulant, such as an ADHD medicine, or an MAOI antidepressant?",
        "help_text": "MAOIs are an older type of antidepressant, such as phenelzine.",
        "attention_answer": "yes",
        "level": "tell",
        "guidance": (
            "Tell your clinician, and do not stop them on your own. "
            "These medicines can raise your blood pressure, and so can treatment."
        ),
        "order": 9,
    },
    {
        "slug": "lamotrigine",
        "text": "Do you take lamotrigine?",
        "help_text": "Lamotrigine is a medicine for seizures or bipolar disorder.",
        "attention_answer": "yes",
        "level": "tell",
        "guidance": (
            "Tell your clinician, and do not stop it on your own. "
            "It is one of the medicines your clinician needs to know about when planning treatment."
        ),
        "order": 10,
    },
    {
        "slug": "liver-disease",
        "text": "Do you have liver disease?",
        "help_text": "For example hepatitis or cirrhosis.",
        "attention_answer": "yes",
        "level": "tell",
        "guidance": (
            "Tell your clinician, and bring recent blood test results if you have them. "
            "Liver disease calls for extra care with ketamine."
        ),
        "order": 11,
    },
    {
        "slug": "glaucoma",
        "text": "Do you have glaucoma or high pressure in your eyes or head?",
        "help_text": "",
        "attention_answer": "yes",
        "level": "tell",
        "guidance": (
            "Tell your clinician about this. "
            "Experts list raised pressure in the eye or head as a reason for extra care with ketamine."
        ),
        "order": 12,
    },
    {
        "slug": "sleep-apnea",
        "text": "Do you have sleep apnea or other breathing problems?",
        "help_text": "Sleep apnea is when your breathing stops and starts while you sleep.",
        "attention_answer": "yes",
        "level": "tell",
        "guidance": (
            "Tell your clinician. Treatment can make you sleepy and slow your breathing. "
            "If you use a CPAP machine, ask if you should bring it."
        ),
        "order": 13,
    },
    {
        "slug": "allergy",
        "text": "Have you ever had an allergic reaction to ketamine or esketamine?",
        "help_text": "This includes a reaction during surgery.",
        "attention_answer": "yes",
        "level": "check",
        "guidance": (
            "Tell your clinician what happened. "
            "The esketamine label warns against use in people with this allergy."
        ),
        "order": 14,
    },
    {
        "slug": "ride-home",
        "text": "Do you have someone who can drive you home?",
        "help_text": "You cannot drive after a session until the next day, after a restful sleep.",
        "attention_answer": "no",
        "level": "tell",
        "guidance": (
            "Tell the clinic before your first session. "
            "You will need a ride home after every session, so it helps to plan this early."
        ),
        "order": 15,
    },
]
