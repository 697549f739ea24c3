from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class LiaisonPagination(PageNumberPagination):
    """Pages of 50 by default; `page_size` asks for up to 500."""

    page_size_query_param = "page_size"
    max_page_size = 500
