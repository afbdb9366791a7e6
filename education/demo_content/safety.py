"""Safety-screening items: what the clinician needs to know, and why (guide section 4)."""

from ._text import md

SAFETY_ITEMS = [
    {
        "slug": "suicidal-thoughts",
        "title": "Thoughts of suicide or self-harm",
        "kind": "condition",
        "why": (
            "Thoughts of suicide need help right away, not only at your next visit. "
            "Your care team wants to know so they can help keep you well."
        ),
        "guidance": md(
            """
            **Do not wait.** Get help now:

            - Call or text **988**, or chat at 988lifeline.org. It is open 24/7.
            - Veterans can press 1, or text 838255. For Spanish, press 2. TTY users dial 711, then 988.
            - If you are in danger right now, call **911** or go to the nearest emergency room.

            Then tell your clinician too.
            """
        ),
        "order": 1,
    },
    {
        "slug": "blood-pressure-and-heart",
        "title": "High blood pressure, heart or blood vessel disease",
        "kind": "condition",
        "why": (
            "Ketamine and esketamine can raise your blood pressure for a few hours after a dose. "
            "This can put extra strain on your heart and blood vessels."
        ),
        "guidance": md(
            """
            Tell your clinician if you have:

            - high blood pressure, even if it is treated;
            - heart disease, a past heart attack, or chest pain;
            - any disease of the blood vessels.

            Keep taking your blood pressure medicine unless your clinician tells you otherwise.
            Staff will check your blood pressure before and after each dose.
            """
        ),
        "order": 2,
    },
    {
        "slug": "aneurysm-avm-brain-bleeding",
        "title": "Aneurysm, AVM, or bleeding in the brain",
        "kind": "condition",
        "why": (
            "An aneurysm is a weak, bulging spot in a blood vessel. An AVM is a tangle of blood vessels. "
            "The esketamine label says it should not be used by people with these, or with past bleeding "
            "in the brain, because a rise in blood pressure could be dangerous."
        ),
        "guidance": md(
            """
            Tell your clinician if you have ever had:

            - an aneurysm in your brain, chest, belly, arms or legs;
            - an **AVM**, a tangle of blood vessels, often in the brain;
            - bleeding in the brain.

            Your clinician will talk with you about other treatment choices.
            """
        ),
        "order": 3,
    },
    {
        "slug": "stroke-or-brain-injury",
        "title": "Stroke or brain injury",
        "kind": "condition",
        "why": (
            "Treatment raises blood pressure for a short time. "
            "If you have had a stroke or a brain injury, your clinician needs to weigh this risk."
        ),
        "guidance": md(
            """
            Tell your clinician if you have had a stroke, a mini-stroke, or a head or brain injury.
            Say when it happened and what treatment you had.

            Bring any letters or reports from your other doctors if you have them.
            """
        ),
        "order": 4,
    },
    {
        "slug": "psychosis-mania-bipolar",
        "title": "Psychosis, mania or bipolar disorder",
        "kind": "condition",
        "why": (
            "Ketamine changes how you sense things for a short time. "
            "Experts list psychosis, which means losing touch with what is real, as a reason for extra care."
        ),
        "guidance": md(
            """
            Tell your clinician if you have ever had:

            - **psychosis**, such as hearing or seeing things others do not;
            - **mania**, a time of very high energy, little need for sleep, and racing thoughts;
            - a diagnosis of bipolar disorder.

            This is true even if it was long ago. Your clinician will decide with you what is best.
            """
        ),
        "order": 5,
    },
    {
        "slug": "alcohol-or-drug-use",
        "title": "Alcohol or drug use",
        "kind": "substance",
        "why": (
            "Ketamine and esketamine can be misused. Alcohol also adds to their sleepy effect "
            "and can slow your breathing. Your clinician needs the full picture to plan your care."
        ),
        "guidance": md(
            """
            Tell your clinician about any alcohol or drug use, now or in the past.
            This includes cannabis and any ketamine used outside medical care.

            - Do not drink alcohol or use recreational drugs before a session.
            - Avoid alcohol for the rest of the day after a session.

            Your clinician is there to help you, not to judge you.
            """
        ),
        "order": 6,
    },
    {
        "slug": "pregnancy-and-breastfeeding",
        "title": "Pregnancy, planning a pregnancy, or breastfeeding",
        "kind": "pregnancy",
        "why": (
            "Ketamine and esketamine may harm a baby. "
            "It is best to avoid them while you are pregnant or breastfeeding."
        ),
        "guidance": md(
            """
            Tell your clinician if you:

            - are pregnant or think you might be;
            - plan to get pregnant;
            - are breastfeeding.

            If you could get pregnant, ask your clinician about birth control during treatment.
            Tell your clinician right away if you become pregnant.
            """
        ),
        "order": 7,
    },
    {
        "slug": "liver-disease",
        "title": "Liver disease",
        "kind": "condition",
        "why": (
            "Experts say serious liver disease is a reason to take great care with ketamine. "
            "Milder liver disease needs care too."
        ),
        "guidance": md(
            """
            Tell your clinician if you have liver disease, such as hepatitis or cirrhosis.
            Bring your latest blood test results if you have them.
            Your clinician may want to check your liver before you start.
            """
        ),
        "order": 8,
    },
    {
        "slug": "glaucoma-or-pressure-in-the-head",
        "title": "Glaucoma or raised pressure in the head",
        "kind": "condition",
        "why": (
            "Experts list raised pressure in the eye or inside the head as a reason for extra care with "
            "ketamine. Glaucoma is an eye disease that often involves high pressure in the eye."
        ),
        "guidance": md(
            """
            Tell your clinician if you have:

            - glaucoma, or have been told your eye pressure is high;
            - any condition that raises pressure inside your head.

            Bring the name of your eye doctor if you have one.
            """
        ),
        "order": 9,
    },
    {
        "slug": "breathing-problems-and-sleep-apnea",
        "title": "Breathing problems or sleep apnea",
        "kind": "condition",
        "why": (
            "Ketamine can make you sleepy and can slow your breathing. "
            "Sleep apnea, where your breathing stops and starts while you sleep, can add to this risk."
        ),
        "guidance": md(
            """
            Tell your clinician if you have sleep apnea, lung disease, or other breathing problems.

            If you use a **CPAP** machine, bring it to your sessions if the clinic asks.
            A CPAP is a machine that keeps your airway open while you sleep.
            """
        ),
        "order": 10,
    },
    {
        "slug": "benzodiazepines-opioids-sleep-medicines",
        "title": "Benzodiazepines, opioids and sleep medicines",
        "kind": "medicine",
        "why": (
            "These medicines, and alcohol, add to the sleepy effect of treatment. "
            "Together they can slow your breathing. "
            "Benzodiazepines may also make ketamine work less well."
        ),
        "guidance": md(
            """
            Tell your clinician if you take:

            - a **benzodiazepine**, a calming medicine such as diazepam, lorazepam or alprazolam;
            - an opioid pain medicine;
            - any sleep medicine.

            **Do not stop any of these on your own.** Stopping some of them suddenly can be dangerous.
            Ask your clinician what to do before your sessions.
            """
        ),
        "order": 11,
    },
    {
        "slug": "stimulants-and-maois",
        "title": "Stimulants and MAOIs",
        "kind": "medicine",
        "why": (
            "Stimulants and MAOIs can raise your blood pressure. "
            "Treatment raises it too, so your clinician needs to plan for this."
        ),
        "guidance": md(
            """
            Tell your clinician if you take:

            - a **stimulant**, such as a medicine for ADHD;
            - an **MAOI**, an older type of antidepressant, such as phenelzine.

            Do not stop these on your own. Your clinician will tell you if anything needs to change.
            """
        ),
        "order": 12,
    },
    {
        "slug": "lamotrigine",
        "title": "Lamotrigine",
        "kind": "medicine",
        "why": (
            "Lamotrigine is a medicine for seizures and bipolar disorder. "
            "Your clinician needs to know if you take it before you start."
        ),
        "guidance": md(
            """
            Tell your clinician if you take lamotrigine, and at what dose.

            **Do not stop it on your own.** Stopping it can cause problems.
            Your clinician will tell you if your plan needs to change.
            """
        ),
        "order": 13,
    },
    {
        "slug": "allergy-to-ketamine-or-esketamine",
        "title": "Allergy to ketamine or esketamine",
        "kind": "medicine",
        "why": (
            "The esketamine label says not to use it if you are allergic to it or to ketamine. "
            "The same goes for an allergy to anything else in the spray."
        ),
        "guidance": md(
            """
            Tell your clinician if you ever had a bad reaction to ketamine or esketamine.
            This includes a reaction during surgery.

            Say what happened. For example, you may have had a rash, swelling, or trouble breathing.
            """
        ),
        "order": 14,
    },
    {
        "slug": "driving-after-treatment",
        "title": "Driving after treatment",
        "kind": "aftercare",
        "why": (
            "Treatment can affect how alert you are, even if you feel fine. "
            "This can last for the rest of the day."
        ),
        "guidance": md(
            """
            - Arrange for someone to drive you home after every session.
            - Do not drive until the next day, after a restful night's sleep.
            - Do not use machines or tools that could hurt you until then.
            """
        ),
        "order": 15,
    },
    {
        "slug": "bladder-symptoms",
        "title": "Bladder symptoms",
        "kind": "aftercare",
        "why": (
            "Heavy use of ketamine outside medical care can damage the bladder. "
            "The FDA has also warned about bladder symptoms with ketamine used at home."
        ),
        "guidance": md(
            """
            Tell your clinician right away if you:

            - have pain when you pass urine;
            - need to pass urine much more often;
            - suddenly need to go urgently.

            Your clinician may ask about these at each visit.
            """
        ),
        "order": 16,
    },
]
