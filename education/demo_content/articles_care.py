"""Articles about visits, side effects, after-care and getting help."""

from . import references as ref
from ._text import md

TREATMENT_DAY = {
    "slug": "what-a-treatment-day-is-like",
    "title": "What a treatment day is like",
    "topic": "preparing-for-treatment",
    "summary": (
        "A step-by-step look at a treatment day, from check-in and blood pressure to at least two hours "
        "of rest and a ride home."
    ),
    "key_points": [
        "Plan to be at the clinic for several hours.",
        "Staff check your blood pressure before and after your dose.",
        "For esketamine, you stay at least 2 hours after your dose, and until you are ready to leave.",
        "You need someone to drive you home. Do not drive until the next day, after a good night's sleep.",
    ],
    "body": md(
        """
        ## Before you leave home

        - Follow the eating and drinking rules your clinic gave you.
          [Clinic: confirm your rules, e.g. no food for 2 hours and no drinks for 30 minutes
          before esketamine.]
        - Do not drink alcohol or use recreational drugs before your visit.
        - Take your usual medicines unless your clinician told you otherwise.
        - Make sure your driver knows when to pick you up.

        See the full [visit checklist](/prepare/).

        ## Step by step

        1. **Arrive and check in.** Come a little early. [Clinic: add how early to arrive.]
           Staff will ask how you have been since your last visit.
        2. **Blood pressure check.** Ketamine and esketamine can raise your **blood pressure** for a while.
           Blood pressure is the force of blood pushing on the walls of your blood vessels.
           If it is too high that day, your clinician may wait or change the plan.
        3. **Mood check.** You may fill in a short form about your mood. This helps track your progress.
        4. **Your treatment.**
           - For **esketamine**, you spray the medicine into your nose yourself while staff watch.
           - For **IV ketamine**, a nurse puts a thin tube in a vein in your arm.
             The medicine drips in slowly. This is called an **infusion**.
             [Clinic: add how long your infusions last.]
        5. **Rest and watch.** You rest in a quiet room. Staff stay close by.
           They check your blood pressure again about 40 minutes after your dose.
           For esketamine, you stay at least 2 hours after your dose.
        6. **Ready to go.** Staff check that you are alert and steady. Only then can you leave.
        7. **Going home.** Your driver takes you home. You cannot drive yourself.

        ## How it may feel

        It is common to feel strange for a while after a dose. You may:

        - feel detached, as if in a dream, or outside your body. This is called **dissociation**;
        - feel dizzy, sleepy, or a bit drunk;
        - feel sick to your stomach (nausea);
        - feel anxious.

        These effects are usually gone within 1 to 2 hours.
        If you feel scared, tell the staff. They are there to help you.

        ## Things that help you feel at ease

        - Bring an eye mask or headphones if you like.
        - Wear loose, comfy clothes.
        - Use the bathroom before your dose.
        - Bring your CPAP machine if you use one for **sleep apnea**. Sleep apnea is when your
          breathing stops and starts while you sleep.

        ## After you get home

        - Do not drive or use machines until the next day, after a restful sleep.
        - Rest for the rest of the day if you can.
        - Avoid alcohol, which adds to the sleepy effect.

        Read more in [after your session](/articles/after-your-session/).

        ## Tell staff right away if

        - you have chest pain, a very bad headache, or trouble breathing;
        - you feel very scared or confused;
        - you have thoughts of harming yourself.
        """
    ),
    "featured": True,
    "related": [
        "preparing-for-your-first-visit",
        "after-your-session",
        "side-effects-and-safety",
    ],
    "reviewer": "jordan-lee",
    "review_notes": (
        "Fasting rules vary by clinic: replace the bracketed example with your own rules "
        "(IV clinics often ask for no solid food for 6 hours and clear liquids until 2 hours before). "
        "Add arrival time and infusion length."
    ),
    "references": [ref.SPRAVATO_LABEL, ref.SANACORA_2017],
}

SIDE_EFFECTS = {
    "slug": "side-effects-and-safety",
    "title": "Side effects and safety: what to expect",
    "topic": "safety-and-side-effects",
    "summary": (
        "Ketamine and esketamine often cause short-lived side effects such as dizziness and a dreamlike "
        "feeling, and have some serious risks that your care team watches for."
    ),
    "key_points": [
        "Common side effects include feeling detached, dizziness, nausea, sleepiness and anxiety.",
        "Most side effects fade within 1 to 2 hours.",
        "Blood pressure often goes up for a few hours, so staff check it.",
        "Tell your clinician about bladder pain or needing to pass urine often or urgently.",
        "Ketamine can be misused, so it is only given in a clinic.",
    ],
    "body": md(
        """
        ## Common side effects

        Side effects are common. They often start soon after a dose. You may:

        - feel detached, dreamlike, or outside your body. This is called **dissociation**;
        - feel dizzy or sleepy;
        - feel sick to your stomach (nausea);
        - feel drunk or unsteady;
        - feel anxious.

        These effects are mostly gone within 1 to 2 hours. Staff will watch you the whole time.

        ## Blood pressure

        Your **blood pressure** often goes up after a dose. Blood pressure is the force of blood
        against the walls of your blood vessels. It tends to be highest about 40 minutes after
        esketamine. It then settles within about 4 hours.

        This is why staff check your blood pressure before your dose and again after it.
        High blood pressure can be a risk if you have heart or blood vessel problems.

        ## Serious risks

        These are less common, but your care team watches for them.

        - **Slowed breathing.** This risk is higher if you also take medicines that make you sleepy.
          Examples are **benzodiazepines**, opioids and sleep pills. A benzodiazepine is a calming
          medicine, such as diazepam or lorazepam. Alcohol adds to this risk too.
        - **Effects on the mind.** Ketamine can make you feel confused or unreal for a while.
          Tell your clinician if you have ever had psychosis, mania or bipolar disorder.
        - **Bladder problems.** Heavy use of ketamine outside medical care can damage the bladder.
          Tell your clinician if it hurts to pass urine, or if you need to go often or urgently.
        - **Misuse.** Ketamine and esketamine are **Schedule III** controlled drugs.
          This means the law limits them because people can misuse them.
          This is one reason they are given only in a clinic.

        ## Why you are watched in the clinic

        In 2022 and 2023, the FDA warned about ketamine used at home without medical care.
        It named risks such as misuse, high blood pressure, slowed breathing and bladder symptoms.
        At home, no one is checking on you.

        For esketamine, an FDA program called a **REMS** sets strict rules.
        You only get it in a certified clinic. You are watched for at least 2 hours.

        ## Who needs extra care

        Some health problems need extra checks, or may mean this treatment is not a good fit.
        They include high blood pressure, heart disease, pregnancy, and past bleeding in the brain.
        See our [full list on the safety page](/safety/).

        ## What you can do

        1. Tell your clinician about every medicine and supplement you take.
        2. Tell your clinician about any alcohol or drug use, now or in the past.
        3. Tell staff right away if you feel unwell during or after a dose.
        4. Do not drive until the next day, after a restful sleep.
        5. Keep a note of any side effects. Share it at your next visit.

        ## Get help right away if

        - you have chest pain, a very bad headache or trouble breathing: call **911**;
        - you have thoughts of suicide: call or text **988**, or call **911** if you are in danger.
        """
    ),
    "featured": True,
    "related": [
        "after-your-session",
        "why-ketamine-is-given-only-in-a-clinic",
        "what-a-treatment-day-is-like",
    ],
    "reviewer": "jordan-lee",
    "review_notes": "",
    "references": [
        ref.SPRAVATO_LABEL,
        ref.FDA_2022_WARNING,
        ref.FDA_2023_WARNING,
        ref.SANACORA_2017,
        ref.COHEN_2018,
    ],
}

FIRST_VISIT = {
    "slug": "preparing-for-your-first-visit",
    "title": "Preparing for your first visit",
    "topic": "preparing-for-treatment",
    "summary": (
        "What happens at your first visit, what to bring, and what your clinician needs to know "
        "before treatment can be planned."
    ),
    "key_points": [
        "Your first visit is mainly a talk and a check-up, called an intake visit.",
        "Bring a list of every medicine and supplement you take.",
        "Tell your clinician about your health history, including heart problems and pregnancy.",
        "Tell your clinician about any alcohol or drug use. Honest answers help keep you well.",
        "Bring your questions. No question is too small.",
    ],
    "body": md(
        """
        ## What the first visit is for

        Your first visit is called an **intake visit**. It is a longer visit where your clinician
        gets to know you. A **clinician** is the doctor, nurse practitioner or physician assistant
        who treats you.

        At this visit, your clinician will try to learn:

        - how you have been feeling, and for how long;
        - which treatments you have tried, and how they went;
        - your health history and your medicines;
        - whether ketamine or esketamine might help you, and what the risks are for you.

        [Clinic: describe your intake visit, e.g. how long it lasts and who you will meet.]

        ## What may happen

        1. You fill in forms about your health. Some ask about your mood.
        2. Staff check your **blood pressure**, the force of blood pushing on the walls of your blood vessels.
        3. You talk with your clinician about your history and your goals.
        4. You talk about the possible benefits and risks.
        5. If you both decide to go ahead, you plan the next steps.

        ## What to bring

        - A list of all your medicines, supplements and vitamins, with doses.
        - A list of past depression or pain treatments, and how they went.
        - Your photo ID and your insurance card.
        - Your CPAP machine if you use one, if the clinic asks you to bring it.
        - The name and phone number of the person who will drive you on treatment days.

        ## What your clinician needs to know

        Tell your clinician if you have or have had:

        - high blood pressure, heart disease, or blood vessel disease;
        - an **aneurysm**, which is a weak, bulging spot in a blood vessel;
        - bleeding in the brain, a stroke, or a brain injury;
        - psychosis, mania or bipolar disorder;
        - liver disease;
        - **glaucoma** (high pressure in the eye);
        - breathing problems or sleep apnea;
        - any allergy to ketamine or esketamine.

        Also tell your clinician if you:

        - are pregnant, plan to get pregnant, or are breastfeeding;
        - drink alcohol or use drugs, now or in the past;
        - take benzodiazepines, opioids, sleep medicines, stimulants, MAOIs or lamotrigine.

        Some of these may mean you need extra checks first. Some may mean a different treatment
        is a better fit. Your clinician will explain why.
        Do not stop any medicine on your own before your visit.

        ## Before you come

        You can use the self-check on this site to note what to raise.
        It does not decide anything for you. It is a way to remember what to say.
        You can also write down your questions. See
        [questions to ask your clinician](/articles/questions-to-ask-your-clinician/).

        ## If you need help before your visit

        Do not wait for your visit if you are in crisis.
        Call or text **988**, or chat at 988lifeline.org. If you are in danger, call **911**.
        """
    ),
    "featured": True,
    "related": [
        "questions-to-ask-your-clinician",
        "what-a-treatment-day-is-like",
        "what-is-treatment-resistant-depression",
    ],
    "reviewer": "jordan-lee",
    "review_notes": (
        "Describe your own intake visit in the placeholder (length, who the patient meets, "
        "and whether treatment can ever start on the same day)."
    ),
    "references": [ref.SPRAVATO_LABEL, ref.SANACORA_2017, ref.COHEN_2018],
}

AFTER_SESSION = {
    "slug": "after-your-session",
    "title": "After your session: getting home and the next few days",
    "topic": "safety-and-side-effects",
    "summary": (
        "How to get home, when you can drive again, what to watch for, and how to track how you feel "
        "between sessions."
    ),
    "key_points": [
        "You need a ride home. Do not drive until the next day, after a restful sleep.",
        "Do not use machines or do risky tasks until the next day.",
        "Most side effects fade within 1 to 2 hours.",
        "Tell your clinician about bladder pain or needing to pass urine often.",
        "Keep track of your mood between sessions.",
    ],
    "body": md(
        """
        ## Leaving the clinic

        You stay at the clinic until staff agree you are ready to leave.
        For esketamine, this is at least 2 hours after your dose.
        Staff check your blood pressure and how alert you are first.

        Then someone you know drives you home. You cannot drive yourself.
        [Clinic: say whether you allow taxis or ride-share services, and whether someone must
        come in to collect you.]

        ## The rest of the day

        - **Do not drive** until the next day, and only after a restful night's sleep.
        - **Do not use machines or tools** that could hurt you until the next day.
        - **Rest.** You may feel tired or a bit foggy.
        - **Avoid alcohol.** It can make you sleepier and adds to the risk of slowed breathing.
        - **Do not make big decisions** that day if you can wait.

        Most side effects, such as dizziness or a dreamlike feeling, are gone within 1 to 2 hours.
        Some people feel tired for longer.

        ## Work and plans

        Plan a quiet day after each session. Ask your clinician when you can go back to work.
        If your job involves driving or machines, tell your clinician.

        ## Tracking how you feel

        It helps to keep a short note after each session. Write down:

        1. the date of your session;
        2. your mood that day and the next few days, from 0 (worst) to 10 (best);
        3. any side effects and how long they lasted;
        4. your sleep.

        Bring your notes to your next visit. They help your clinician see what is working.

        Some people notice a change within hours. Others notice it after a few sessions.
        Some people do not improve. Your clinician will talk with you about what to do if that happens.

        ## Booster sessions

        The effect of one dose often fades in about a week. This is why treatment is a series.
        After the first series, you may have **booster sessions**. A booster is an extra session
        to help the effect last. Your clinician will plan these with you.

        ## When to call the clinic

        Call the clinic at [Clinic phone number] if you:

        - have pain when you pass urine, or need to go often or urgently;
        - see blood in your urine;
        - feel unwell in a way that worries you;
        - have side effects that last into the next day.

        ## When to get help right away

        - If you have chest pain, a very bad headache, or trouble breathing, call **911**.
        - If you have thoughts of suicide, call or text **988**, or chat at 988lifeline.org.
        - If you are in danger right now, call **911** or go to the nearest emergency room.
        """
    ),
    "featured": False,
    "related": [
        "side-effects-and-safety",
        "what-a-treatment-day-is-like",
        "getting-help-in-a-crisis",
    ],
    "reviewer": "jordan-lee",
    "review_notes": (
        "Fill in your ride policy and phone number. 'Blood in your urine' is listed as a reason to call; "
        "the guide names bladder pain and frequent or urgent urination only, so please confirm you want it."
    ),
    "references": [ref.SPRAVATO_LABEL, ref.FDA_2023_WARNING, ref.KETAMINE_REVIEW_2019],
}

QUESTIONS = {
    "slug": "questions-to-ask-your-clinician",
    "title": "Questions to ask your clinician",
    "topic": "preparing-for-treatment",
    "summary": (
        "A list of questions to help you talk with your clinician about ketamine or esketamine, "
        "its risks, its costs and your plan."
    ),
    "key_points": [
        "It is normal to have many questions. Write them down before your visit.",
        "Ask what is FDA-approved for your condition and what is off-label.",
        "Ask how you will both know if the treatment is working.",
        "Ask about costs and what your insurance covers.",
    ],
    "body": md(
        """
        ## Why asking questions helps

        You have the right to understand your care. Good questions help you and your clinician
        make choices together. A **clinician** is the doctor, nurse practitioner or physician
        assistant who treats you.

        Pick the questions that matter most to you. Write them down, or print this page.
        Bring someone with you if that helps.

        ## About the treatment

        - Is this treatment FDA-approved for my condition, or is it **off-label**?
          Off-label means the FDA has not approved it for this use.
        - Is esketamine nasal spray or IV ketamine a better fit for me? Why?
        - What does the research show for people like me? How strong is it?
        - What other treatments could I try instead?
        - Could I take part in a research study?

        ## About my health

        - Do any of my health problems make this treatment riskier for me?
        - Do I need any tests first?
        - Should I keep taking all my medicines? Will any of them change how it works?
        - What if I am pregnant, or plan to be?
        - Is there a risk I could come to misuse it?

        ## About the plan

        - How many sessions will I need, and how often?
        - How will we know if it is working? When will we check?
        - What happens if it does not help?
        - Will I need **booster sessions**? A booster is an extra session to help the effect last.
        - Should I keep seeing my therapist or other doctors?

        ## About treatment days

        - How long will each visit take?
        - What should I eat and drink before I come?
        - How will it feel? What side effects are common?
        - Who will be with me during the session?
        - When can I drive, work or look after my children again?

        ## About costs

        - How much will each session cost me?
        - Does my insurance cover the medicine? Does it cover the time I am watched after?
        - Do I need approval from my insurance first?
        - Are there payment plans?

        [Clinic: add a note here on who patients can ask about costs.]

        ## About safety and privacy

        - What side effects should make me call you?
        - Who do I call after hours?
        - Who can see my health information?

        ## Tips for the visit

        1. Bring your list of medicines and past treatments.
        2. Ask the most important question first.
        3. If you do not understand an answer, say so. Ask your clinician to explain it another way.
        4. Repeat the plan back in your own words before you leave.

        ## If you need help now

        If you have thoughts of suicide, call or text **988**, or chat at 988lifeline.org.
        If you are in danger right now, call **911**.
        """
    ),
    "featured": False,
    "related": [
        "preparing-for-your-first-visit",
        "esketamine-vs-iv-ketamine",
        "side-effects-and-safety",
    ],
    "reviewer": "jordan-lee",
    "review_notes": "Add who patients can ask about costs and the after-hours phone arrangements.",
    "references": [ref.SANACORA_2017, ref.SPRAVATO_LABEL],
}

CLINIC_ONLY = {
    "slug": "why-ketamine-is-given-only-in-a-clinic",
    "title": "Why ketamine is given only in a clinic",
    "topic": "safety-and-side-effects",
    "summary": (
        "The FDA has warned about ketamine used at home without medical care, and this page explains "
        "why supervised treatment matters."
    ),
    "key_points": [
        "The FDA warned in 2022 and 2023 about the risks of ketamine used at home.",
        "Risks include misuse, high blood pressure, slowed breathing and bladder problems.",
        "At home, no trained person checks on you.",
        "Esketamine is only given in certified clinics and is never taken home.",
        "If you have used ketamine outside medical care, tell your clinician.",
    ],
    "body": md(
        """
        ## What the FDA said

        The FDA is the U.S. agency that approves medicines.
        In 2022, and again in October 2023, it warned about ketamine used at home.
        These warnings covered **compounded** ketamine. A compounded medicine is one mixed by a
        pharmacy for one person. The FDA does not check compounded medicines for quality or for how
        well they work.

        The FDA named these risks:

        - misuse, and taking more than planned;
        - effects on the mind, such as feeling confused or cut off from reality;
        - a rise in **blood pressure**, the force of blood against the walls of your blood vessels;
        - slowed breathing;
        - bladder problems, such as pain or needing to pass urine often.

        With no one watching you at home, these problems may not be caught in time.

        ## How a clinic is different

        In a clinic, trained staff:

        1. check your health and medicines before you start;
        2. check your blood pressure before and after each dose;
        3. watch you for as long as it takes for the effects to settle;
        4. make sure you get home with a driver;
        5. follow up on how you are doing over time.

        Expert groups ask for trained clinicians and a set plan of sessions.
        They also ask clinics to guard against the drug being taken out of the clinic and misused.

        ## Esketamine has extra rules

        For esketamine nasal spray, the FDA set up a program called a **REMS**.
        It stands for Risk Evaluation and Mitigation Strategy. Under it:

        - only certified clinics can give it;
        - you use the spray in the clinic while staff watch;
        - you stay at least 2 hours, and until you are ready to leave;
        - you never take the medicine home.

        ## Why ketamine is a controlled drug

        Ketamine and esketamine are **Schedule III** controlled substances.
        This means the law limits them because people can misuse them and become dependent.
        Heavy use outside medical care can also damage the bladder.

        ## If you have used ketamine outside a clinic

        Please tell your clinician. They need to know to plan your care.
        Your clinician is there to help you, not to judge you.

        Tell your clinician if you:

        - have used ketamine or other drugs on your own, now or in the past;
        - have bladder pain, or need to pass urine often or urgently;
        - find it hard to stop using a drug.

        ## If you need help now

        If you are in crisis, call or text **988**, or chat at 988lifeline.org.
        If you are in danger right now, call **911**.
        """
    ),
    "featured": False,
    "related": [
        "side-effects-and-safety",
        "esketamine-vs-iv-ketamine",
        "after-your-session",
    ],
    "reviewer": "sam-rivera",
    "review_notes": (
        "The ASA position is summarised from the content guide (trained clinicians, a defined course, "
        "vigilance for diversion); add the ASA statement as a reference if you want it cited. "
        "The sentence on FDA checks of compounded medicines is general background; confirm the wording."
    ),
    "references": [ref.FDA_2022_WARNING, ref.FDA_2023_WARNING, ref.SPRAVATO_LABEL, ref.SANACORA_2017],
}

CRISIS = {
    "slug": "getting-help-in-a-crisis",
    "title": "Getting help in a crisis",
    "topic": "safety-and-side-effects",
    "summary": (
        "How to reach the 988 Suicide & Crisis Lifeline by call, text or chat, when to call 911, and "
        "how to plan ahead with your clinician."
    ),
    "key_points": [
        "Call or text 988, or chat at 988lifeline.org. It is open 24/7.",
        "If you are in danger right now, call 911 or go to the nearest emergency room.",
        "Veterans can press 1 or text 838255. For Spanish, press 2.",
        "Tell your clinician about thoughts of suicide as soon as you have them, not only at visits.",
    ],
    "body": md(
        """
        ## If you are in danger right now

        Call **911**, or go to the nearest emergency room.
        Do not wait for a clinic visit or a call back.

        ## The 988 Suicide & Crisis Lifeline

        The **988 Lifeline** is a free, private line for anyone in emotional distress or a suicide crisis.
        You can reach it at any time of day or night, every day of the year.

        How to reach it:

        - **Call** 988.
        - **Text** 988.
        - **Chat** online at 988lifeline.org.

        Extra options when you call:

        - **Veterans** and service members: press 1 after you dial. You can also text 838255.
        - **Spanish:** press 2 after you dial.
        - **TTY users:** dial 711, then 988. A TTY is a phone for people who are deaf or hard of hearing.

        You can also call 988 if you are worried about someone else.

        ## Signs it is time to reach out

        Reach out now if you:

        - think about ending your life or harming yourself;
        - feel you cannot keep yourself from harm;
        - feel hopeless or trapped;
        - are worried about a friend or family member who feels this way.

        You do not need to be sure it is an emergency. It is always all right to call.

        ## Tell your clinician too

        Thoughts of suicide can come and go. Tell your clinician as soon as you have them.
        Do not keep them for your next visit or your intake form.

        Our clinic line is not for emergencies. [Clinic: add your after-hours instructions here.]

        ## Make a plan ahead of time

        It can help to make a plan with your clinician while you feel steady.
        A plan might list:

        1. the signs that you are starting to struggle;
        2. things that help you cope, such as a walk or music;
        3. people you can call, with their phone numbers;
        4. how to make your home less risky, such as storing medicines or weapons somewhere else;
        5. the crisis numbers: 988 and 911.

        Keep the plan on your phone or by your bed. Share it with someone you trust.

        ## During ketamine or esketamine treatment

        Treatment can take time to help, and it does not help everyone.
        Some people feel low as the effect of a dose fades.
        Tell your clinician if your mood drops between sessions.

        If you have thoughts of suicide at any point, reach out right away. Call or text 988, or call 911.
        """
    ),
    "featured": False,
    "related": [
        "what-is-treatment-resistant-depression",
        "ketamine-for-ptsd-what-we-know",
        "after-your-session",
    ],
    "reviewer": "jordan-lee",
    "review_notes": (
        "The 988 LGBTQ+ youth option ended on 17 July 2025 and is deliberately not listed. "
        "Add your after-hours instructions. 'Some people feel low as the effect of a dose fades' is "
        "general clinical background, not from a named source: please confirm or remove."
    ),
    "references": [ref.LIFELINE_988, ref.SAMHSA_988_PRESS_2022, ref.NATIONAL_CENTER_PTSD],
}

CARE_ARTICLES = [
    TREATMENT_DAY,
    SIDE_EFFECTS,
    FIRST_VISIT,
    AFTER_SESSION,
    QUESTIONS,
    CLINIC_ONLY,
    CRISIS,
]
