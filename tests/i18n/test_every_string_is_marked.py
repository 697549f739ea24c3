"""Every text a person reads is marked for translation: a template's words outside
{% translate %}/{% blocktranslate %} and the texts Python gives to people (messages,
validation errors, form and model labels, help texts, error messages, choices) fail here."""

from __future__ import annotations

import textwrap

from tests.i18n import unmarked


def test_no_template_shows_a_text_that_is_not_marked():
    findings = [
        found for path in unmarked.templates() for found in unmarked.template_findings(path)
    ]
    assert findings == []


def test_no_python_code_gives_people_a_text_that_is_not_marked():
    findings = [
        found for path in unmarked.python_files() for found in unmarked.python_findings(path)
    ]
    assert findings == []


def test_the_template_check_finds_words_and_only_words(tmp_path, monkeypatch):
    monkeypatch.setattr(unmarked, "CODE", tmp_path)
    page = tmp_path / "app" / "templates" / "page.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        textwrap.dedent(
            """\
            {% load i18n %}{# a comment: ignored #}
            <h1>{% translate "Partners" %}</h1>
            <p>{% blocktranslate with n=count %}{{ n }} partners{% endblocktranslate %}</p>
            <p>{{ partner.name }} · {{ partner.code }} (CSV, PDF) – 12 %</p>
            <script>const label = "not read";</script>
            <p>Forgotten sentence</p>
            <input aria-label="Search everything" placeholder="{% translate 'Search' %}">
            """
        ),
        encoding="utf-8",
    )
    assert unmarked.template_findings(page) == [
        "app/templates/page.html: 'Forgotten sentence'",
        "app/templates/page.html: 'Search everything'",
    ]


def test_the_python_check_finds_each_kind_of_unmarked_text(tmp_path, monkeypatch):
    monkeypatch.setattr(unmarked, "CODE", tmp_path)
    module = tmp_path / "app" / "forms.py"
    module.parent.mkdir()
    module.write_text(
        textwrap.dedent(
            """\
            from django.utils.translation import gettext_lazy as _

            class Kind(models.TextChoices):
                ONE = "one", _("one")
                TWO = "two", "two"

            class Thing(models.Model):
                name = models.CharField("name", max_length=9)
                owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)
                size = forms.IntegerField(label=_("Size"), help_text="How big it is.")
                mode = forms.ChoiceField(choices=[("a", _("A")), ("b", "Bee")])

            def view(request, name):
                messages.success(request, f"Saved {name}.")
                messages.error(request, _("Not saved."))
                raise ValidationError({"name": "Say a name."})
            """
        ),
        encoding="utf-8",
    )
    assert unmarked.python_findings(module) == [
        "app/forms.py:5: a choice with a plain label",
        "app/forms.py:8: models.CharField named with a plain text",
        "app/forms.py:10: help_text= with a plain text",
        "app/forms.py:11: choices with a plain label",
        "app/forms.py:14: messages.success with a plain text",
        "app/forms.py:16: ValidationError with a plain text",
    ]
