"""Admin list pages that pass WCAG 2.2 AA: every inline-editable cell has an accessible name.

Django renders ``list_editable`` cells as bare inputs (a column of unlabelled "Order" boxes), which
a screen reader announces as "edit text" with no hint of the row. Each input is named after its
column and its row, e.g. "Order of “What should I bring?”".
"""


class LabelledListEditingMixin:
    def get_changelist_form(self, request, **kwargs):
        form_class = super().get_changelist_form(request, **kwargs)

        class LabelledRowForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for field in self.fields.values():
                    field.widget.attrs["aria-label"] = f"{field.label} of “{self.instance}”"

        return LabelledRowForm
