from django import forms
from django.utils.translation import gettext_lazy as _


class NewsForm(forms.Form):
    """The news item's fields; the service (public/news.py) says what is missing, in this app's words."""

    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Introduction"),
        max_length=300,
        required=False,
        help_text=_("One or two sentences shown in lists."),
    )
    body = forms.CharField(
        label=_("Body text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown."),
    )
    image = forms.FileField(
        label=_("Image (optional)"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB. It is scaled down and its metadata removed."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    image_alt = forms.CharField(
        label=_("Image description (alt text)"),
        max_length=300,
        required=False,
        help_text=_("What the image shows, for those who cannot see it. Needed with an image."),
    )

    remove_image = forms.BooleanField(label=_("Remove the current image"), required=False)

    def __init__(self, *args, has_image: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_image:
            del self.fields["remove_image"]

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in ["title", "summary", "body", "image_alt"]}
        image = self.cleaned_data.get("image")
        if image and not hasattr(image, "_committed"):  # a new upload, not the stored file
            data["image"] = image
        return data

    @property
    def removes_image(self) -> bool:
        return bool(self.cleaned_data.get("remove_image"))


class SubscribeForm(forms.Form):
    email = forms.CharField(label=_("Your e-mail address"), max_length=254)
    news = forms.BooleanField(label=_("News"), required=False, initial=True)
    promise_updates = forms.BooleanField(
        label=_("Updates on the citizen promises (follow-ups and verdicts)"), required=False, initial=True
    )
