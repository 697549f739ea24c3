"""Filter selects written in Python give exactly the HTML of Django's templates: labels and
values escaped, the chosen options marked, groups kept, attributes as Django writes them."""

from __future__ import annotations

import pytest
from django import forms

from liaison.core.forms import QuickSelect, form_quick_selects


class _Filters(forms.Form):
    kind = forms.ChoiceField(
        required=False,
        choices=[("", "Any"), ("a", "<Alpha> & co"), ("b", 'Beta "quoted"')],
        help_text="Which kind.",
    )
    places = forms.MultipleChoiceField(
        choices=[("Europe", [("fr", "France"), ("rs", "Serbia")]), ("xk", "Kosovo*")],
        widget=forms.SelectMultiple(attrs={"data-note": 'say "hi"', "disabled": False}),
    )
    day = forms.DateField(required=False)


@pytest.mark.parametrize(
    "data", [None, {"kind": "a", "places": ["rs", "xk"]}, {"kind": "zzz", "places": []}]
)
def test_it_writes_what_the_templates_write(data):
    plain, quick = _Filters(data=data), _Filters(data=data)
    form_quick_selects(quick)

    assert type(quick.fields["kind"].widget) is QuickSelect
    for name in plain.fields:
        assert str(quick[name]) == str(plain[name])


def test_it_leaves_other_widgets_alone():
    form = _Filters()
    form.fields["kind"].widget = forms.RadioSelect(choices=form.fields["kind"].choices)
    form_quick_selects(form)
    assert type(form.fields["kind"].widget) is forms.RadioSelect
    assert type(form.fields["day"].widget) is forms.DateInput
