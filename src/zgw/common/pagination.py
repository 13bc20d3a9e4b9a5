"""Pagination exactly as the ZGW specs show it: ``count``, ``next``, ``previous``, ``results``; ``?page=``."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class ZGWPagination(PageNumberPagination):
    page_size = 100
    page_query_param = "page"
    # Open Zaak's extension, which clients of it use: ?pageSize=N (at most 500).
    page_size_query_param = "pageSize"
    max_page_size = 500

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer", "example": 123},
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Een pagina binnen de gepagineerde set resultaten.",
                "schema": {"type": "integer"},
            }
        ]
