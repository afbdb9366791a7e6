"""The private pre-visit self-check: a form built from the active questions, and its result page.

Privacy by design: answers arrive by POST only and live for one request. They are never saved
to the database, the session, the cache or the logs, never put in a URL, and every response
that can contain them is sent with ``Cache-Control: no-store``.

The form page itself holds nothing of the visitor's (no CSRF token: see ``selfcheck_result``), so
it is cached like any public page.
"""

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, TooManyFieldsSent
from django.shortcuts import render
from django.utils.html import escape
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_safe

from education.models import ChecklistItem, SelfCheckQuestion
from education.site.cache import cache_public_page, while_content_unchanged
from education.site.errors import render_error

QUESTIONS_MAX_LENGTH = 2000
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


def field_name(question):
    return f"q_{question.pk}"


class SelfCheckForm(forms.Form):
    """One yes/no field per active question (``q_<id>``), then the patient's own questions."""

    questions_to_ask = forms.CharField(
        label="Questions you want to ask at your visit (optional)",
        help_text=f"Write as much as you like, up to {QUESTIONS_MAX_LENGTH:,} characters.",
        required=False,
        max_length=QUESTIONS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": f"Please shorten your questions to {QUESTIONS_MAX_LENGTH:,} characters or fewer "
            "(you wrote %(show_value)d).",
        },
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        yes_no = [(SelfCheckQuestion.Answer.YES, "Yes"), (SelfCheckQuestion.Answer.NO, "No")]
        question_fields = {
            field_name(question): forms.ChoiceField(
                label=question.text,
                # crispy renders help text unescaped, so escape what staff typed here.
                help_text=escape(question.help_text),
                choices=yes_no,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Please answer this question: choose Yes or No.",
                    "invalid_choice": "Please choose Yes or No.",
                },
            )
            for question in self.questions
        }
        # Questions first, in the order staff set, then the free-text field.
        self.fields = question_fields | self.fields
        # The template writes the <form> tag: helper form attributes leak onto crispy's radio wrappers.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the result view needs no token (see selfcheck_result)

    def clean(self):
        cleaned = super().clean()
        if self.data:
            expected = set(self.fields)
            unknown = [key for key in self.data if key.startswith("q_") and key not in expected]
            if unknown:
                raise forms.ValidationError(
                    "This form has changed since it was opened, or was altered. "
                    "Please check your answers below and send it again.",
                    code="unknown_question",
                )
            if any(len(self.data.getlist(key)) > 1 for key in self.data):
                raise forms.ValidationError(
                    "Each question takes one answer. Please check your answers below and send it again.",
                    code="duplicate_answer",
                )
        return cleaned

    def fields_with_errors(self):
        """[(bound field, id to link to)] for the error summary; radios link to their first option."""
        radios = (forms.RadioSelect,)
        return [
            (field, f"{field.auto_id}_0" if isinstance(field.field.widget, radios) else field.auto_id)
            for field in self
            if field.errors
        ]

    def flagged_by_level(self):
        """[(level, label, [questions])] for every answer that needs attention, most urgent first."""
        flagged = [q for q in self.questions if self.cleaned_data[field_name(q)] == q.attention_answer]
        return [
            (level, label, [q for q in flagged if q.level == level])
            for level, label in SelfCheckQuestion.Level.choices
            if any(q.level == level for q in flagged)
        ]


def active_questions():
    # Every answer sent is checked against these: read once per content version, not per post.
    return while_content_unchanged("selfcheck-questions", lambda: list(SelfCheckQuestion.objects.active()))


def active_checklist():
    return while_content_unchanged("checklist", lambda: list(ChecklistItem.objects.active()))


def render_form(request, form, status=200):
    return render(request, "education/selfcheck.html", {"form": form}, status=status)


def _cross_site(request):
    """Whether the browser says this post comes from a page of another site."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return True
    origin = request.headers.get("Origin")
    ours = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    return origin is not None and origin not in ours


def render_bad_request(request, message):
    """Our own 400 page for a request we cannot read as a self-check form."""
    return render(request, "education/selfcheck_bad_request.html", {"message": message}, status=400)


@require_safe
@cache_public_page  # the same page for everyone: no token, nothing of the visitor's
def selfcheck(request):
    return render_form(request, SelfCheckForm(questions=active_questions()))


def _result(request):
    form = SelfCheckForm(request.POST, questions=active_questions())
    if not form.is_valid():
        return render_form(request, form, status=400)
    groups = form.flagged_by_level()
    return render(
        request,
        "education/selfcheck_result.html",
        {
            "groups": groups,
            "urgent": any(level == SelfCheckQuestion.Level.URGENT for level, _, _ in groups),
            "questions_to_ask": form.cleaned_data["questions_to_ask"],
            "checklist": active_checklist(),
        },
    )


# No CSRF token: CSRF stops another site from making a visitor's browser *do* something with
# the visitor's session, and this view does nothing: it changes nothing, stores nothing, reads no
# cookie or session, and its answer goes only to the browser that sent the answers (another site
# cannot read it). Without a token the form page is the same for everyone and can be cached.
# What a forged cross-site post could still do is show our result page with answers the visitor
# never gave, so a post that its browser says comes from another site is refused (Origin /
# Sec-Fetch-Site, which every current browser sends with a form post). docs/security.md.
@csrf_exempt
@never_cache
@sensitive_post_parameters()
def selfcheck_result(request):
    if request.method != "POST":
        # Results are never saved, so there is nothing to show at this address without the form.
        response = render(request, "education/selfcheck_no_result.html", status=405)
        response["Allow"] = "POST"
        return response
    if _cross_site(request):
        return render_error(request, "403.html", 403, {"csrf_failed": True})
    if request.content_type != FORM_CONTENT_TYPE:
        return render_bad_request(request, "Please send your answers with the form on the self-check page.")
    try:
        request.POST  # noqa: B018 (read the body now, so size limits are met here)
    except (RequestDataTooBig, TooManyFieldsSent, BadRequest):
        message = "What was sent was too large or in a format we cannot read. Please fill in the form again."
        return render_bad_request(request, message)
    return _result(request)
