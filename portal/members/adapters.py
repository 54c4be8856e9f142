"""The allauth adapter: how allauth sends mail and where it sends users."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    pass
