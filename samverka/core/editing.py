"""The one form flow of the staff pages: validate, call a service, show what went wrong on the form.

Every create and edit page runs `form_flow`: on a valid POST it calls the page's service; bad data
(`ValidationError`) goes onto the form's fields, and a stale copy (`EditConflict`, see core.concurrency)
keeps the user's edits in the form, moves it to the saved version and shows what the other person
changed, so saving again after a look goes through. Nothing is saved unless the service says so.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from samverka.core.concurrency import EditConflict


def add_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError on the form: on a field the form has, else above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def form_flow(
    request,
    form,
    save: Callable[[], object] | None,
    *,
    template: str,
    context: dict,
    done: Callable[[object], object],
    success: str | Callable[[object], str] | None = None,
):
    """Render `template` with the form, or on a valid POST run `save()` and redirect to `done(result)`.

    With `save` None the page only shows the form (a record the user may no longer change).

    `success` is the message after a save (or a function of the result that gives it). The template gets
    `form` and `conflict` (the EditConflict, or None) besides `context`.
    """
    conflict = None
    if save is not None and request.method == "POST" and form.is_valid():
        try:
            result = save()
        except EditConflict as exc:
            conflict = exc
            form.add_conflict(exc)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            message = success(result) if callable(success) else success
            if message:
                messages.success(request, message)
            return redirect(done(result))
    return render(request, template, {**context, "form": form, "conflict": conflict})


def post_and_return(request, back, save: Callable[[], object], *, form=None, invalid=None, success=None):
    """A small form posted from another page (add a goal, publish): check the form, save, say how it
    went in a message and go back to `back` (a record or an address)."""
    if form is not None and not form.is_valid():
        if invalid:
            messages.error(request, invalid)
        return redirect(back)
    try:
        save()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if success:
            messages.success(request, success)
    return redirect(back)
