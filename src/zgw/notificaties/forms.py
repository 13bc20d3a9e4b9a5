"""Admin form of an abonnement: ``auth`` is write-only, as in the API (issue 19 finding 8)."""

from __future__ import annotations

from django import forms

from .models import Abonnement

NEW_AUTH_WITH_NEW_CALLBACK = "Bij een nieuwe callback-URL hoort een nieuwe autorisatie (auth)."


class AbonnementAdminForm(forms.ModelForm):
    """``auth`` is never shown or echoed back (an empty password field, also after a failed submit); left empty on a
    change it keeps the stored value. A changed callback-URL needs a new ``auth`` in the same submit, so an
    abonnement's credentials never go to a URL they were not given for."""

    auth = forms.CharField(
        label="autorisatie (auth)",
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Wordt niet getoond. Leeg laten houdt de opgeslagen waarde; verplicht bij een nieuwe callback-URL.",
    )

    class Meta:
        model = Abonnement
        fields = ("callback_url", "auth", "client_id", "aangemaakt")

    def clean(self) -> dict:
        cleaned = super().clean()
        auth = cleaned.get("auth") or ""
        existing = self.instance.pk is not None
        if not existing and not auth:
            self.add_error("auth", "Dit veld is verplicht.")
        elif existing and not auth:
            if "callback_url" in cleaned and cleaned["callback_url"] != self.instance.callback_url:
                self.add_error("auth", NEW_AUTH_WITH_NEW_CALLBACK)
            else:
                cleaned["auth"] = self.instance.auth  # keep the stored value
        return cleaned
