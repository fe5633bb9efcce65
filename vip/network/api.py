"""Placeholder: being written."""

from ninja import Router

from vip.core.api import public_auth

router = Router(tags=["placeholder"], auth=public_auth)
