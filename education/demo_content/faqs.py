"""Frequently asked questions, grouped into categories (drawn from section 6 of the content guide)."""

from ._text import md

FAQ_CATEGORIES = [
    {"slug": "about-the-treatment", "name": "About the treatment", "order": 1},
    {"slug": "before-your-first-visit", "name": "Before your first visit", "order": 2},
    {"slug": "treatment-day", "name": "Treatment day", "order": 3},
    {"slug": "after-treatment", "name": "After treatment", "order": 4},
    {"slug": "costs-and-insurance", "name": "Costs and insurance", "order": 5},
    {"slug": "safety-and-privacy", "name": "Safety and privacy", "order": 6},
]

FAQS = [
    # About the treatment
    {
        "slug": "is-ketamine-fda-approved",
        "category": "about-the-treatment",
        "question": "Is ketamine FDA-approved for depression?",
        "answer": md(
            """
            Not in its IV form. The FDA has approved ketamine only as an **anesthetic**, a medicine
            that puts you to sleep for surgery. Using it for depression, pain or PTSD is **off-label**.
            This means the FDA has not approved it for that use, but a clinician may still offer it.

            **Esketamine** nasal spray (Spravato) is different. The FDA has approved it for adults with
            treatment-resistant depression. It is also approved for adults with major depression who have
            thoughts of suicide or have acted on them.
            """
        ),
        "order": 1,
        "review_notes": (
            "(verify) The guide says that since January 2025 esketamine is also approved on its own "
            "(without a daily oral antidepressant) for TRD. Check the current label on DailyMed before "
            "adding this."
        ),
    },
    {
        "slug": "iv-ketamine-vs-esketamine",
        "category": "about-the-treatment",
        "question": "What is the difference between IV ketamine and esketamine?",
        "answer": md(
            """
            They are closely related. Esketamine is one of the two mirror-image forms that make up ketamine.

            - **Esketamine** is a nasal spray. It is FDA-approved for some adults with depression.
              You use it in the clinic while staff watch, and you stay at least 2 hours.
            - **IV ketamine** drips into a vein. Its use for depression is off-label.

            Insurance often covers esketamine. IV ketamine is often self-pay.
            Read more in [esketamine vs IV ketamine](/articles/esketamine-vs-iv-ketamine/).
            """
        ),
        "order": 2,
        "review_notes": "",
    },
    {
        "slug": "will-it-work-for-me",
        "category": "about-the-treatment",
        "question": "Will ketamine or esketamine work for me?",
        "answer": md(
            """
            No one can promise that. It helps some people but not others.

            In one large study of people with hard-to-treat depression, about 55 in 100 people who got
            IV ketamine had a big drop in their symptoms. That means many people did not.

            Your clinician will check your mood often. If it is not helping, you will talk about other
            choices together.
            """
        ),
        "order": 3,
        "review_notes": "Figure from ELEKT-D (Anand et al., NEJM 2023): response 55.4% with ketamine.",
    },
    {
        "slug": "how-many-sessions",
        "category": "about-the-treatment",
        "question": "How many sessions will I need?",
        "answer": md(
            """
            It depends on your plan. Common plans are:

            - **IV ketamine for mood:** often about 6 sessions over 2 to 3 weeks. You may then have
              **booster sessions**, which are extra sessions to help the effect last.
            - **Esketamine:** twice a week for weeks 1 to 4, then once a week for weeks 5 to 8.
              After that, once a week or every 2 weeks.

            Your clinician will tell you what your own plan looks like.
            """
        ),
        "order": 4,
        "review_notes": "",
    },
    {
        "slug": "ketamine-for-pain-or-ptsd",
        "category": "about-the-treatment",
        "question": "Can ketamine help chronic pain or PTSD?",
        "answer": md(
            """
            Both uses are off-label, and the evidence varies.

            - **Pain:** the best evidence is for **CRPS**, a long-lasting pain often in an arm or leg.
              Relief may last up to about 12 weeks. For most other kinds of pain, evidence is weak or missing.
            - **PTSD:** ketamine is still being studied. One small study was hopeful. A larger study in
              veterans found no benefit for PTSD.

            Read our articles on [pain](/articles/ketamine-for-chronic-pain-and-crps/) and
            [PTSD](/articles/ketamine-for-ptsd-what-we-know/).
            """
        ),
        "order": 5,
        "review_notes": "",
    },
    # Before your first visit
    {
        "slug": "what-happens-at-the-first-visit",
        "category": "before-your-first-visit",
        "question": "What happens at my first visit?",
        "answer": md(
            """
            Your first visit is called an **intake visit**. Your clinician gets to know you. You will:

            1. fill in forms about your health and mood;
            2. have your blood pressure checked;
            3. talk about your past treatments, your medicines and your goals;
            4. talk about the possible benefits and risks for you.

            Bring a list of all your medicines and supplements, your ID and your insurance card.
            [Clinic: add how long the intake visit lasts.]
            """
        ),
        "order": 1,
        "review_notes": "Add your intake visit length.",
    },
    {
        "slug": "who-should-not-have-this-treatment",
        "category": "before-your-first-visit",
        "question": "Who should not have ketamine or esketamine?",
        "answer": md(
            """
            Esketamine should not be used if you have:

            - a bulging, weak blood vessel (an **aneurysm**) in the brain, chest, belly, arms or legs;
            - a tangle of blood vessels in the brain, called an **AVM**;
            - had bleeding in the brain;
            - an allergy to esketamine or ketamine.

            Other health problems need a careful check first, such as high blood pressure, pregnancy or
            psychosis. Only your clinician can weigh your own case. See our [safety page](/safety/).
            """
        ),
        "order": 2,
        "review_notes": "Contraindications from the Spravato label as summarised in the content guide.",
    },
    {
        "slug": "should-i-keep-taking-my-medicines",
        "category": "before-your-first-visit",
        "question": "Should I keep taking my current medicines?",
        "answer": md(
            """
            Do not stop or change any medicine on your own. Bring a full list to your first visit,
            including supplements.

            Your clinician needs to know about some medicines in particular:

            - **benzodiazepines**, opioids and sleep medicines, which can make you sleepier;
            - stimulants and **MAOIs**, which can raise your blood pressure;
            - lamotrigine.

            Your clinician will tell you if anything needs to change, and when.
            """
        ),
        "order": 3,
        "review_notes": "",
    },
    {
        "slug": "how-do-i-know-if-i-have-trd",
        "category": "before-your-first-visit",
        "question": "How do I know if I have treatment-resistant depression?",
        "answer": md(
            """
            Your clinician decides this with you. A common meaning is depression that has not gotten
            better enough after at least two antidepressant medicines.

            Each one counts only if you took a full dose for long enough.

            Before your visit, write down each depression medicine you have tried. Note the dose, how long
            you took it, and how it went. This list helps a lot.
            """
        ),
        "order": 4,
        "review_notes": "",
    },
    # Treatment day
    {
        "slug": "how-long-does-a-visit-take",
        "category": "treatment-day",
        "question": "How long does a treatment visit take?",
        "answer": md(
            """
            Plan for a few hours. A visit includes check-in, a blood pressure check, the treatment
            itself, and time to rest while staff watch you.

            For esketamine, you stay at least 2 hours after your dose. You leave only when staff agree
            you are ready.

            [Clinic: add the usual total length of a visit for each treatment you offer.]
            """
        ),
        "order": 1,
        "review_notes": "Replace the placeholder with your typical visit length.",
    },
    {
        "slug": "how-does-it-feel",
        "category": "treatment-day",
        "question": "How does the treatment feel?",
        "answer": md(
            """
            You stay awake. It is common to feel strange for a while. You may:

            - feel detached or dreamlike. This is called **dissociation**;
            - feel dizzy, sleepy, or a bit drunk;
            - feel sick to your stomach;
            - feel anxious.

            These feelings are mostly gone within 1 to 2 hours. Staff stay close by.
            Tell them if you feel scared or unwell.
            """
        ),
        "order": 2,
        "review_notes": "",
    },
    {
        "slug": "can-i-eat-before-treatment",
        "category": "treatment-day",
        "question": "Can I eat and drink before my treatment?",
        "answer": md(
            """
            Follow the rules your clinic gives you, because they can differ.

            [Clinic: confirm your rules. For example: no food for 2 hours and no drinks for 30 minutes
            before esketamine.]

            The reason is that the treatment can make you feel sick to your stomach.

            Also, do not drink alcohol or use recreational drugs before your visit.
            """
        ),
        "order": 3,
        "review_notes": (
            "Fasting rules vary: IV clinics often ask for no solid food for 6 hours and clear liquids "
            "until 2 hours before. Replace the example with your own rules."
        ),
    },
    {
        "slug": "what-if-my-blood-pressure-is-high",
        "category": "treatment-day",
        "question": "What if my blood pressure is high on the day?",
        "answer": md(
            """
            Staff check your blood pressure before every dose. This matters because ketamine and
            esketamine can raise it for a few hours.

            If your blood pressure is too high that day, your clinician may wait and check again,
            or move your session to another day.

            Tell staff if you missed any blood pressure pills, or if you have a headache or chest pain.
            """
        ),
        "order": 4,
        "review_notes": "Describe your own blood pressure threshold and steps in staff protocols, not here.",
    },
    # After treatment
    {
        "slug": "can-i-drive-after-treatment",
        "category": "after-treatment",
        "question": "Can I drive after my treatment?",
        "answer": md(
            """
            No. Do not drive until the next day, after a restful night's sleep.
            The same goes for using machines or tools that could hurt you.

            The medicine can affect how alert you are, even if you feel fine.

            Arrange for someone to drive you home after every session.
            [Clinic: say whether taxis or ride-share services are allowed.]
            """
        ),
        "order": 1,
        "review_notes": "Add your ride policy.",
    },
    {
        "slug": "can-i-go-to-work-after",
        "category": "after-treatment",
        "question": "Can I go back to work the same day?",
        "answer": md(
            """
            Plan to rest for the rest of the day. You may feel tired or foggy for a while.

            Do not drive or use machines until the next day, after a restful sleep.
            If your job involves driving, machines, or caring for others, tell your clinician.

            It may help to book sessions at a time when you can go home and rest after.
            Ask the clinic about times that suit you.
            """
        ),
        "order": 2,
        "review_notes": "",
    },
    {
        "slug": "when-will-i-feel-better",
        "category": "after-treatment",
        "question": "When will I start to feel better?",
        "answer": md(
            """
            It varies. Some people feel their mood lift within hours of IV ketamine.
            Others notice a change only after a few sessions. Some do not improve.

            The effect of one session often fades in about a week. That is why treatment is given as a
            series.

            Keep a short note of your mood each day and bring it to your visits.
            """
        ),
        "order": 3,
        "review_notes": "",
    },
    {
        "slug": "what-should-i-watch-for-at-home",
        "category": "after-treatment",
        "question": "What should I watch for after I get home?",
        "answer": md(
            """
            Most side effects fade within 1 to 2 hours. Call the clinic if you:

            - have pain when you pass urine, or need to go often or urgently;
            - feel unwell in a way that worries you;
            - still have side effects the next day.

            Call **911** for chest pain, a very bad headache, or trouble breathing.
            If you have thoughts of suicide, call or text **988**.
            """
        ),
        "order": 4,
        "review_notes": "",
    },
    # Costs and insurance
    {
        "slug": "how-much-does-it-cost",
        "category": "costs-and-insurance",
        "question": "How much does treatment cost?",
        "answer": md(
            """
            It depends on the treatment and your insurance.

            - IV ketamine session: [Clinic: add your self-pay price here].
            - Esketamine session: [Clinic: add your price, or explain that it depends on your insurance].
            - First visit: [Clinic: add the price of the intake visit].

            Ask us for a written cost estimate before you start.
            [Clinic: add who patients can contact about costs.]
            """
        ),
        "order": 1,
        "review_notes": "All prices are placeholders. Never publish invented figures.",
    },
    {
        "slug": "does-insurance-cover-esketamine",
        "category": "costs-and-insurance",
        "question": "Does insurance cover esketamine?",
        "answer": md(
            """
            Esketamine is often covered by health insurance, because it is FDA-approved.
            Your plan may ask for approval before you start.

            The visit where staff watch you for at least 2 hours may be billed on its own.
            It may not be covered in the same way.

            Call your insurance plan and ask. [Clinic: list the insurance plans you work with.]
            """
        ),
        "order": 2,
        "review_notes": "",
    },
    {
        "slug": "does-insurance-cover-iv-ketamine",
        "category": "costs-and-insurance",
        "question": "Does insurance cover IV ketamine?",
        "answer": md(
            """
            Often it does not. Using ketamine for depression, pain or PTSD is off-label, so many plans
            do not pay for it. This means IV ketamine is often self-pay. Self-pay means you pay the
            full cost yourself.

            Some plans may cover part of the visit. Ask your plan before you start.
            [Clinic: add your self-pay price and what it includes.]
            """
        ),
        "order": 3,
        "review_notes": "",
    },
    {
        "slug": "are-there-payment-plans",
        "category": "costs-and-insurance",
        "question": "Can I pay in parts, or get help with costs?",
        "answer": md(
            """
            [Clinic: say whether you offer payment plans, sliding-scale fees or other help.]

            Before you start, ask for a written estimate of the full cost. This should include the
            first visit, each session, and any booster sessions.

            If cost is a worry, tell us. We can talk about your choices, including treatments your
            insurance may cover.
            """
        ),
        "order": 4,
        "review_notes": "Fill in your payment options.",
    },
    # Safety and privacy
    {
        "slug": "is-ketamine-addictive",
        "category": "safety-and-privacy",
        "question": "Can I get addicted to ketamine?",
        "answer": md(
            """
            Ketamine and esketamine can be misused. That is why they are **Schedule III** controlled
            drugs. This means the law limits them because of the risk of misuse.

            To lower this risk, you only get them in the clinic, with staff watching. You never take
            them home.

            Tell your clinician if you use alcohol or drugs now, or did in the past. This helps them plan
            your care.
            """
        ),
        "order": 1,
        "review_notes": "",
    },
    {
        "slug": "can-ketamine-harm-my-bladder",
        "category": "safety-and-privacy",
        "question": "Can ketamine harm my bladder?",
        "answer": md(
            """
            Heavy use of ketamine outside medical care can damage the bladder.
            The FDA has also warned about bladder symptoms with ketamine used at home.

            Tell your clinician right away if:

            - it hurts to pass urine;
            - you need to go much more often;
            - you suddenly need to go urgently.

            Your clinician will ask about these at your visits.
            """
        ),
        "order": 2,
        "review_notes": "",
    },
    {
        "slug": "can-i-use-ketamine-at-home",
        "category": "safety-and-privacy",
        "question": "Can I use ketamine at home instead?",
        "answer": md(
            """
            We do not offer ketamine for use at home. The FDA has warned about ketamine used at home.
            Risks include misuse, high blood pressure, slowed breathing and bladder problems.
            At home, no one is there to check on you.

            Esketamine is never sent home. It is only given in a certified clinic.

            If you have used ketamine on your own, please tell your clinician. See
            [why ketamine is given only in a clinic](/articles/why-ketamine-is-given-only-in-a-clinic/).
            """
        ),
        "order": 3,
        "review_notes": "",
    },
    {
        "slug": "who-can-see-my-information",
        "category": "safety-and-privacy",
        "question": "Who can see my health information?",
        "answer": md(
            """
            This website is for reading only. Do not send health details through it.

            Your forms and bookings go through our patient system, which follows **HIPAA**.
            HIPAA is a U.S. law that protects your health information.
            [Clinic: name your patient portal or booking system.]

            This website does not use ads or tracking tools from other companies.
            """
        ),
        "order": 4,
        "review_notes": (
            "Confirm before publishing that the site still has no third-party analytics, pixels, fonts, "
            "embeds or session replay (HHS tracking-technology guidance, 2022, updated 2024)."
        ),
    },
    {
        "slug": "is-the-self-check-private",
        "category": "safety-and-privacy",
        "question": "Is the self-check on this website private?",
        "answer": md(
            """
            Yes. The self-check does not save your answers. It does not ask for your name.

            It is not a test and it does not decide if treatment is right for you.
            It helps you note what to tell your clinician.

            If a question makes you think about suicide or self-harm, please reach out now.
            Call or text **988**, or call **911** if you are in danger.
            """
        ),
        "order": 5,
        "review_notes": "Confirm the self-check still stores no answers before publishing.",
    },
    {
        "slug": "what-if-i-have-thoughts-of-suicide",
        "category": "safety-and-privacy",
        "question": "What should I do if I have thoughts of suicide?",
        "answer": md(
            """
            Please get help now. Do not wait for your next visit.

            - Call or text **988**, or chat at 988lifeline.org. It is open 24/7.
            - Veterans can press 1, or text 838255. For Spanish, press 2.
            - TTY users can dial 711, then 988.
            - If you are in danger right now, call **911**.

            Then tell your clinician too.
            """
        ),
        "order": 6,
        "review_notes": "The 988 LGBTQ+ youth option ended on 17 July 2025 and is deliberately not listed.",
    },
]
