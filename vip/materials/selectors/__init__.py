"""Reads of the materials bank; the public pages' reads live in ``public``."""
