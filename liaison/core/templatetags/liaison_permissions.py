"""The one question templates ask about permissions: `{% user_can action "app.model" %}`.

It answers with `liaison.core.permissions.user_can` for the person looking at the page, so
a template shows a link or a button exactly when the door behind it would let them through:

    {% load liaison_permissions %}
    {% user_can "add" "cases.case" as may_record %}
    {% if may_record %}<a href="...">Record a case</a>{% endif %}

Templates do not read `perms.*` and views do not pass such answers in their context.
"""

from __future__ import annotations

from django import template
from django.apps import apps

from liaison.core.permissions import user_can as _user_can

register = template.Library()


@register.simple_tag(takes_context=True)
def user_can(context: template.Context, action: str, model_label: str) -> bool:
    """May the signed-in person do `action` on objects of the model "app_label.model"?"""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    return _user_can(user, action, apps.get_model(model_label))
