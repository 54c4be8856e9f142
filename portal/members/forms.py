"""Forms of the members app."""

from django import forms


class SignupForm(forms.Form):
    """Extra fields allauth adds to its sign-up form."""

    def signup(self, request, user) -> None:
        pass
