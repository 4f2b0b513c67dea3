"""The person's inbox of notifications and their choice of digest e-mail."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.notices import inbox as notices_inbox
from samverka.notices.models import DigestPreference, Notification


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = DigestPreference
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}


@login_required
def preferences(request):
    preference = DigestPreference.objects.filter(user=request.user).first() or DigestPreference(
        user=request.user
    )
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Your choice is saved."))
        return redirect("notices:preferences")
    return render(request, "notices/preferences.html", {"form": form})


@login_required
def inbox(request):
    notices_inbox.sync(request.user)
    notifications = Notification.objects.filter(user=request.user).order_by("read_at", "-created_at")[:200]
    unread = [n for n in notifications if n.read_at is None]
    read = [n for n in notifications if n.read_at is not None]
    return render(request, "notices/inbox.html", {"unread": unread, "read": read})


@login_required
@require_POST
def mark_read(request, pk):
    # Only the person's own: another's id (or one already read) changes nothing.
    if not notices_inbox.mark_read(request.user, pk):
        messages.error(request, _("This notification is not in your inbox, or it is already read."))
    return redirect("notices:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = notices_inbox.mark_read(request.user)
    messages.success(request, _("All notifications are marked read.") if count else _("Nothing was unread."))
    return redirect("notices:inbox")
