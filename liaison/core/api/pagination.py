from __future__ import annotations

from typing import Any

from django.core.paginator import EmptyPage, PageNotAnInteger
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from liaison.core.views import CappedCountPaginator


class ApiCappedCountPaginator(CappedCountPaginator):
    """The web lists' capped count, but strict about page numbers: a page that is not a
    positive whole number, or that holds no rows past the first, is a 404 as before."""

    def validate_number(self, number: Any) -> int:
        if self.counted_all:
            return int(super().validate_number(number))
        try:
            value = int(str(number))
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger("That page number is not an integer") from error
        if value < 1:
            raise EmptyPage("That page number is less than 1")
        return value

    def page(self, number: Any) -> Any:
        page = super().page(number)
        if not self.counted_all and page.number > 1 and not list(page.object_list):
            raise EmptyPage("That page contains no results")
        return page


class LiaisonPagination(PageNumberPagination):
    """Pages of 50 by default; `page_size` asks for up to 500.

    `count` is exact up to the paginator's cap (10,000 rows); beyond, it is the cap and
    `count_capped` is true: counting every matching row of a ten-year table would cost each
    page more as the register grows. The pages past the cap are still reached by `next`."""

    page_size_query_param = "page_size"
    max_page_size = 500
    django_paginator_class = ApiCappedCountPaginator

    def _paginator(self) -> ApiCappedCountPaginator:
        assert self.page is not None
        paginator = self.page.paginator
        assert isinstance(paginator, ApiCappedCountPaginator)
        return paginator

    def _capped(self) -> bool:
        return not self._paginator().counted_all

    def get_next_link(self) -> str | None:
        page = self.page
        if page is not None and self.request is not None and self._capped() and not page.has_next():
            # Past the counted rows: a full page may be followed by more.
            if len(page.object_list) < page.paginator.per_page:
                return None
            url = self.request.build_absolute_uri()
            return replace_query_param(url, self.page_query_param, page.number + 1)
        return super().get_next_link()

    def get_paginated_response(self, data: Any) -> Response:
        capped = self._capped()
        paginator = self._paginator()
        return Response(
            {
                "count": paginator.cap if capped else paginator.count,
                "count_capped": capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = super().get_paginated_response_schema(schema)
        cap = self.django_paginator_class.cap
        properties = answer["properties"]
        properties["count"]["description"] = (
            f"How many rows match, exact up to {cap:,}; beyond, {cap:,} with `count_capped` true."
        )
        ordered = {"count": properties.pop("count")}
        ordered["count_capped"] = {
            "type": "boolean",
            "description": (
                f"True when more than {cap:,} rows match: `count` is then a floor, "
                "and `next` leads on while pages are full."
            ),
            "example": False,
        }
        ordered.update(properties)
        answer["properties"] = ordered
        answer["required"] = ["count", "count_capped", "results"]
        return answer
