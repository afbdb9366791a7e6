"""Articles about the conditions treated and how the treatment works."""

from . import references as ref
from ._text import md

WHAT_IS_TRD = {
    "slug": "what-is-treatment-resistant-depression",
    "title": "What is treatment-resistant depression?",
    "topic": "treatment-resistant-depression",
    "summary": (
        "Treatment-resistant depression means depression that has not eased enough after at least "
        "two antidepressant medicines, and you still have options."
    ),
    "key_points": [
        "Treatment-resistant depression (TRD) means depression that has not eased after 2 or more medicines.",
        "Each medicine counts only if you took a full dose for long enough.",
        "Having TRD is not your fault, and you still have choices.",
        "Esketamine nasal spray is FDA-approved for adults with TRD.",
        "IV ketamine for depression is off-label.",
    ],
    "body": md(
        """
        ## What the words mean

        Depression is an illness that affects your mood, sleep, energy and thinking.
        Many people feel better with talk therapy, medicine, or both.
        For some people, the first medicines do not help enough.

        Doctors call this **treatment-resistant depression**, or **TRD**.
        A common meaning is depression that has not gotten better enough after at least two
        antidepressants. An **antidepressant** is a medicine used to treat depression.

        ## What counts as a fair try

        A medicine only counts if it had a fair chance to work. That means:

        - you took a full dose, as your clinician advised, and
        - you took it for long enough to see if it helped.

        A **clinician** is the doctor, nurse practitioner or physician assistant who treats you.
        Your clinician will go over your past medicines with you.
        This shows whether TRD fits your story.

        The studies of esketamine used the same idea. People in them had tried at least two
        medicines during their current **episode**. An episode is a stretch of time when you have
        symptoms of depression.

        ## TRD is not your fault

        Having TRD does not mean you did something wrong. It does not mean you are weak.
        It means your illness needs a different plan. You are not out of options.

        ## Choices you may talk about

        Your care team may talk with you about:

        - changing or adding medicines;
        - talk therapy;
        - **esketamine** nasal spray (brand name Spravato), which the FDA has approved for adults with TRD;
        - **IV ketamine**, given as a slow drip into a vein. Using ketamine for depression is **off-label**.
          This means the FDA has not approved it for this use, but a clinician may still prescribe it;
        - **ECT** (electroconvulsive therapy). This uses a brief, controlled electric current
          on the brain while you are asleep under anesthesia.

        ## What the research shows

        A large study called ELEKT-D compared ketamine with ECT. It was published in 2023.
        It included 403 adults with TRD who did not have **psychosis**.
        Psychosis means losing touch with what is real.

        The study found ketamine was not worse than ECT.
        About 55 in 100 people who got ketamine had a **response**.
        About 41 in 100 people who got ECT had a response.
        A response means your symptoms got a lot better.

        Experts also say the research on ketamine is still small. Most of it looks at the short term.
        That is why careful checks before and during treatment matter.

        ## What you can do now

        1. Write down every depression medicine you have tried.
        2. Next to each one, write the dose and how long you took it.
        3. Bring this list to your first visit.
           See [how to prepare](/articles/preparing-for-your-first-visit/).
        4. Tell your clinician if a medicine caused side effects that made you stop.

        ## If you need help now

        If you have thoughts of suicide, do not wait for a visit.
        Call or text **988**, or chat at 988lifeline.org, at any time.
        If you are in danger right now, call **911**.
        """
    ),
    "featured": True,
    "related": [
        "how-ketamine-and-esketamine-treatment-works",
        "esketamine-vs-iv-ketamine",
        "preparing-for-your-first-visit",
    ],
    "reviewer": "jordan-lee",
    "review_notes": (
        "Please confirm the full citation for the EU-PEARL TRD definition (thought to be Sforzini et al., "
        "Molecular Psychiatry 2022) and add it to the reference list."
    ),
    "references": [
        ref.EU_PEARL_TRD,
        ref.SPRAVATO_LABEL,
        ref.ELEKT_D_2023,
        ref.SANACORA_2017,
        ref.LIFELINE_988,
    ],
}

HOW_IT_WORKS = {
    "slug": "how-ketamine-and-esketamine-treatment-works",
    "title": "How ketamine and esketamine treatment works",
    "topic": "treatment-resistant-depression",
    "summary": (
        "Ketamine and esketamine are given in a clinic as a series of sessions, and they can ease "
        "depression within hours for some people, but the effect of one dose fades."
    ),
    "key_points": [
        "Esketamine is a nasal spray. It is FDA-approved for some adults with depression.",
        "IV ketamine is a drip into a vein. Its use for depression is off-label.",
        "Both are given only in a clinic, with staff watching you.",
        "Some people feel better within hours, but one dose wears off, so treatment is a series.",
        "It does not help everyone. Your clinician will check how you are doing.",
    ],
    "body": md(
        """
        ## Two related medicines

        **Ketamine** has been used for many years as an **anesthetic**.
        An anesthetic is a medicine that puts you to sleep for surgery.
        The FDA has approved ketamine only for this use.
        Using it for depression, pain or PTSD is **off-label**.
        This means the FDA has not approved it for that use.

        Ketamine is made of two forms of the same molecule. They are mirror images, like your
        left and right hands. **Esketamine** is one of those two forms. It comes as a nasal spray
        with the brand name Spravato.

        The FDA has approved esketamine for adults with treatment-resistant depression (TRD).
        It is also approved for adults with major depression who have thoughts of suicide
        or have acted on them.
        It is often used along with a daily antidepressant pill.
        Ask your clinician whether you will need one.

        ## How each one is given

        - **IV ketamine:** a nurse places a thin tube in a vein in your arm. The medicine drips in slowly.
          This is called an **infusion**.
        - **Esketamine:** you spray the medicine into your nose yourself. Staff watch you do it.
          You never take it home.

        Either way, you stay awake. You may feel dreamy or detached for a while.
        Staff check your blood pressure and watch you until you are ready to leave.

        ## How fast it works, and for how long

        Some people feel their mood lift within hours of IV ketamine.
        But the effect of a single infusion often fades in about a week.
        That is why treatment is given as a **series**, not as one dose.

        A common plan for IV ketamine is about 6 sessions over 2 to 3 weeks.
        After that, you may have **booster sessions**. A booster is an extra session to help the effect last.

        The usual esketamine plan is:

        1. Weeks 1 to 4: two sessions a week.
        2. Weeks 5 to 8: one session a week.
        3. After that: one session every week or every 2 weeks.

        Your own plan may differ. Your clinician will explain it.

        ## How it works in the brain

        Scientists are still learning exactly how these medicines work in the brain.

        ## Does it help everyone?

        No. In one large study, about 55 in 100 people who got IV ketamine had a big drop in symptoms.
        That means many people did not.

        In a study of esketamine used on its own, about 23 in 100 people had **remission** by week 4.
        Remission means your symptoms are gone or almost gone.
        With a **placebo**, about 8 in 100 did. A placebo is a dummy treatment with no medicine in it.

        Experts also point out that most research looks only at the short term.

        ## What you can do

        - Tell your clinician how you feel between sessions. Note good days and bad days.
        - Keep up your other care, such as therapy, unless your clinician says otherwise.
        - Ask which form fits you best.
          Read [esketamine vs IV ketamine](/articles/esketamine-vs-iv-ketamine/).
        """
    ),
    "featured": False,
    "related": [
        "esketamine-vs-iv-ketamine",
        "what-a-treatment-day-is-like",
        "side-effects-and-safety",
    ],
    "reviewer": "jordan-lee",
    "review_notes": (
        "(verify) The content guide says that since January 2025 Spravato is also approved on its own "
        "(without a daily oral antidepressant) for TRD. The text only says it is 'often' used with a pill; "
        "check the current label on DailyMed before saying more. "
        "Also add full citations for the Neuropsychopharmacology 2019 review (onset within hours, "
        "fading in about a week) and for the esketamine monotherapy trial (remission at week 4: "
        "22.5% vs 7.6% with placebo), shown here rounded to 23 and 8 in 100."
    ),
    "references": [
        ref.SPRAVATO_LABEL,
        ref.KETAMINE_REVIEW_2019,
        ref.ELEKT_D_2023,
        ref.SANACORA_2017,
    ],
}

ESKETAMINE_VS_IV = {
    "slug": "esketamine-vs-iv-ketamine",
    "title": "Esketamine nasal spray vs IV ketamine: how they compare",
    "topic": "treatment-resistant-depression",
    "summary": (
        "Esketamine nasal spray and IV ketamine are closely related, but they differ in FDA approval, "
        "how they are given, how often you come in, and how they are paid for."
    ),
    "key_points": [
        "Esketamine nasal spray is FDA-approved for some adults with depression.",
        "IV ketamine for depression is off-label.",
        "Both are given only in a clinic, and both need a ride home.",
        "Insurance often covers esketamine. IV ketamine is often self-pay.",
        "Your clinician will help you weigh which one fits you.",
    ],
    "body": md(
        """
        ## The short version

        **Esketamine** and **ketamine** are closely related medicines.
        Ketamine is made of two mirror-image forms of one molecule. Esketamine is one of those forms.
        They are given in different ways, and they have different rules.

        ## FDA approval

        - **Esketamine nasal spray** (brand name Spravato) is FDA-approved. It is approved for adults
          with treatment-resistant depression (TRD). It is also approved for adults with major
          depression who have thoughts of suicide or have acted on them.
        - **IV ketamine** is FDA-approved only as an **anesthetic**, a medicine used to put you to sleep
          for surgery. Using it for depression is **off-label**. This means the FDA has not approved
          it for that use. Clinicians may still offer it.

        ## How it is given

        - **Esketamine:** you spray it into your nose yourself while staff watch.
        - **IV ketamine:** the medicine drips slowly into a vein through a thin tube. This is an **infusion**.
          IV stands for intravenous, which means "into a vein".

        ## Rules and monitoring

        Esketamine has a special FDA program called a **REMS**. It stands for Risk Evaluation and
        Mitigation Strategy. Under it:

        - the spray is only given in a certified clinic;
        - you never take it home;
        - staff check your blood pressure before your dose and again about 40 minutes after;
        - you stay at least 2 hours, and until staff agree you are ready to leave.

        The REMS applies to esketamine. For IV ketamine, expert groups ask for trained staff,
        a set plan of sessions, and close checks before, during and after each session.

        ## How often you come in

        - **Esketamine:** often twice a week for 4 weeks, then once a week for 4 weeks.
          After that, once a week or every 2 weeks.
        - **IV ketamine:** often about 6 sessions over 2 to 3 weeks, then booster sessions if needed.

        ## Cost and insurance

        Health insurance often covers esketamine. The visit to watch you afterward may not be covered.
        IV ketamine is often self-pay, which means you pay for it yourself.

        [Clinic: add your prices and the insurance plans you work with here.]

        ## What the research says

        Both have been studied in people with TRD. A large 2023 study found IV ketamine was not worse
        than ECT, another treatment for severe depression. Esketamine was studied in trials that led
        to its FDA approval.

        Research has not yet settled whether one of these two works better than the other.
        Both have side effects, such as feeling detached, dizziness, nausea and higher blood pressure.

        ## How to choose

        Talk it through with your clinician. Ask:

        1. Which one fits my health history?
        2. What will my insurance cover?
        3. How often will I need to come in?
        4. What side effects should I watch for?

        Bring your list of past depression medicines. Tell your clinician if you have high blood
        pressure, heart problems, or a history of bleeding in the brain.
        See our [questions to ask](/articles/questions-to-ask-your-clinician/).
        """
    ),
    "featured": False,
    "related": [
        "how-ketamine-and-esketamine-treatment-works",
        "what-is-treatment-resistant-depression",
        "questions-to-ask-your-clinician",
    ],
    "reviewer": "jordan-lee",
    "review_notes": (
        "The guide gives no head-to-head trial of esketamine vs IV ketamine; the text says none was large "
        "enough to show one works better. Please confirm this still holds. "
        "(verify) Label status of esketamine on its own (since January 2025, per the guide) is not stated "
        "here; check DailyMed before adding it. Replace the pricing placeholder."
    ),
    "references": [ref.SPRAVATO_LABEL, ref.ELEKT_D_2023, ref.SANACORA_2017, ref.FDA_2023_WARNING],
}

CHRONIC_PAIN = {
    "slug": "ketamine-for-chronic-pain-and-crps",
    "title": "Ketamine for chronic pain and CRPS",
    "topic": "chronic-pain",
    "summary": (
        "Ketamine infusions are an off-label option for some long-lasting pain, with moderate evidence "
        "for CRPS and weak or no evidence for most other kinds of pain."
    ),
    "key_points": [
        "Using ketamine for pain is off-label.",
        "The best evidence is for CRPS, where relief may last up to about 12 weeks.",
        "For most other kinds of pain, the evidence is weak or missing.",
        "Some health problems need extra care first. Tell your clinician about all of them.",
    ],
    "body": md(
        """
        ## Chronic pain in brief

        **Chronic pain** is pain that lasts for months or longer.
        It can wear you down and affect your sleep, work and mood.
        Some people try ketamine infusions when other treatments have not helped enough.

        An **infusion** is a medicine that drips slowly into a vein through a thin tube.
        Using ketamine for pain is **off-label**. This means the FDA has not approved it for pain.
        Esketamine nasal spray is not approved for pain either.

        ## What the experts found

        In 2018, three groups of pain and anesthesia experts in the US looked at the research.
        They rated how strong the evidence was for each kind of pain.

        ### Complex regional pain syndrome (CRPS)

        CRPS is long-lasting pain, often in an arm or leg, that is far worse than the injury that
        started it. The skin may also change in color, warmth or swelling.
        For CRPS, the experts found **moderate** evidence that ketamine helps.
        Relief lasted up to about 12 weeks. CRPS was the only kind of pain with lasting benefit.

        ### Spinal cord injury pain

        There was **weak** evidence, and only for a short time.

        ### Other kinds of pain

        The experts found weak evidence or none for:

        - other **neuropathic pain**, which is pain caused by damaged nerves;
        - phantom limb pain, which is pain felt in a limb that has been removed;
        - pain that stays after shingles;
        - fibromyalgia, which causes widespread pain and tiredness;
        - cancer pain;
        - migraine;
        - low back pain.

        This does not mean ketamine never helps these kinds of pain. It means good studies have
        not shown that it does.

        ## Who needs extra care

        The same experts listed health problems that call for extra care. Some may mean ketamine is
        not a good choice. Tell your clinician if you have:

        - heart disease that is not well controlled;
        - pregnancy, or plans to get pregnant;
        - **psychosis** right now. Psychosis means losing touch with what is real;
        - serious liver disease;
        - high pressure inside your head or eye, such as from **glaucoma**;
        - current problems with alcohol or drug use.

        See the full list on our [safety page](/safety/).

        ## What treatment is like

        You will be awake. You may feel dreamy, detached or dizzy during the infusion.
        Staff will check your blood pressure and watch you closely.
        You will need someone to drive you home.

        [Clinic: add how long your pain infusions last and how many sessions you usually plan.]

        ## Steps to take

        1. Keep a pain diary for 2 weeks before your visit. Rate your pain from 0 to 10 each day.
        2. Write down every pain treatment you have tried and how it went.
        3. Bring a list of all your medicines, including opioids and sleep medicines.
        4. Ask your clinician what counts as success for you, and how you will both measure it.

        Do not stop any pain medicine on your own before treatment. Ask your clinician first.
        """
    ),
    "featured": False,
    "related": [
        "side-effects-and-safety",
        "what-a-treatment-day-is-like",
        "questions-to-ask-your-clinician",
    ],
    "reviewer": "sam-rivera",
    "review_notes": (
        "Evidence ratings are from the 2018 ASRA/AAPM/ASA consensus (Cohen et al.). "
        "Check whether a newer guideline has replaced it. Replace the infusion-length placeholder."
    ),
    "references": [ref.COHEN_2018, ref.FDA_2023_WARNING],
}

PTSD = {
    "slug": "ketamine-for-ptsd-what-we-know",
    "title": "Ketamine for PTSD: what we know so far",
    "topic": "ptsd",
    "summary": (
        "Ketamine for PTSD is still investigational: one small study was hopeful, a larger one in "
        "veterans found no PTSD benefit, and proven treatments come first."
    ),
    "key_points": [
        "Ketamine for PTSD is investigational. This means it is still being studied.",
        "Talk therapy that focuses on the trauma is the first choice of treatment.",
        "Two medicines, sertraline and paroxetine, are FDA-approved for PTSD.",
        "Studies of ketamine for PTSD have mixed results.",
        "Veterans can reach the 988 Lifeline and press 1, or text 838255.",
    ],
    "body": md(
        """
        ## What PTSD is

        **PTSD** stands for post-traumatic stress disorder.
        It can start after you live through or see something frightening or harmful.
        You may have bad memories or dreams, feel on edge, or avoid things that remind you of it.

        PTSD can be treated.

        ## Treatments that come first

        In 2023, the VA and the Department of Defense updated their PTSD guideline.
        It names **trauma-focused psychotherapy** as a first choice.
        This is talk therapy that helps you work through the trauma. Three types are:

        - **Prolonged exposure (PE):** you slowly face memories and places you have been avoiding.
        - **Cognitive processing therapy (CPT):** you learn to spot and change stuck thoughts
          about the trauma.
        - **EMDR** (eye movement desensitization and reprocessing): you recall the trauma while
          following a back-and-forth movement or sound.

        The guideline also names three medicines: sertraline, paroxetine and venlafaxine.
        Only sertraline and paroxetine are FDA-approved for PTSD.

        ## Where ketamine fits

        Ketamine for PTSD is **investigational**. This means it is still being studied.
        It is not an approved treatment for PTSD. If a clinician uses it, that is **off-label**.

        ## What the studies found

        The results so far are mixed.

        - **A small study in 2021.** It had 30 adults who were not in the military.
          People who got ketamine had a bigger drop in PTSD symptoms than people who got a
          comparison medicine.
        - **A larger study in 2022.** It had 158 veterans and service members.
          Ketamine did not help PTSD symptoms more than a **placebo**.
          A placebo is a dummy treatment with no active medicine.
        - **A review of 6 studies.** Researchers pooled the results of 6 **randomized controlled trials**.
          In this kind of study, chance decides who gets which treatment. They found a small effect.
          But after they corrected for flaws in the studies, the effect was too small to be sure of.

        In short, we do not yet know if ketamine helps PTSD.

        ## If you have PTSD and depression

        Some people with PTSD also have depression. If your depression has not eased after other
        treatments, your clinician may talk about ketamine or esketamine for the depression.
        Ask what the goal is, and how you will both know if it is working.

        ## What you can do

        1. Ask your clinician about trauma-focused therapy if you have not tried it.
        2. Tell your clinician about all the treatments you have had for PTSD.
        3. Tell your clinician about any alcohol or drug use. This helps them plan your care.
        4. If you are offered ketamine for PTSD, ask if it is part of a research study.

        ## Help for veterans

        Call or text **988** any time. Veterans can press 1 after calling, or text 838255.
        If you are in danger right now, call **911**.
        You can learn more at the VA's National Center for PTSD.
        """
    ),
    "featured": False,
    "related": [
        "what-is-treatment-resistant-depression",
        "getting-help-in-a-crisis",
        "questions-to-ask-your-clinician",
    ],
    "reviewer": "jordan-lee",
    "review_notes": (
        "Add the full citation for the meta-analysis of 6 RCTs (small effect, not significant after "
        "bias correction); the guide does not name it. Confirm the Abdallah 2022 reference details."
    ),
    "references": [
        ref.VA_DOD_PTSD_2023,
        ref.FEDER_2021,
        ref.ABDALLAH_2022,
        ref.NATIONAL_CENTER_PTSD,
        ref.LIFELINE_988,
    ],
}

CONDITION_ARTICLES = [WHAT_IS_TRD, HOW_IT_WORKS, ESKETAMINE_VS_IV, CHRONIC_PAIN, PTSD]
