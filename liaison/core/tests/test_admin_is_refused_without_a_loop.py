"""A signed-in person without the administrator role who opens /admin/ gets the 403 page,
not a bounce between /admin/, /admin/login/ and /login/ that never ends."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import make_persona

pytestmark = [pytest.mark.django_db]

NOT_ADMINISTRATORS = ["alice", "bob", "carol", "dave", "nora"]


@pytest.mark.parametrize("persona", NOT_ADMINISTRATORS)
@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/login/", "/admin/partners/partner/", "/admin/auth/user/1/change/"]
)
def test_it_answers_a_signed_in_non_administrator_with_the_403_page(
    client: Any, django_user_model: Any, persona: str, url: str
) -> None:
    client.force_login(make_persona(django_user_model, persona))
    response = client.get(url, follow=True)
    assert response.redirect_chain == []
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()


def test_it_still_sends_a_visitor_who_is_not_signed_in_to_the_login_page(client: Any) -> None:
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/login/")


def test_an_administrator_still_reaches_the_admin(client: Any, django_user_model: Any) -> None:
    client.force_login(make_persona(django_user_model, "erin"))
    assert client.get("/admin/").status_code == 200
