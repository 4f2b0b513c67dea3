"""Messages of the plain-Python parsers, shown in the reader's language."""

from django.utils.translation import gettext as _

from samverka.core.tabular import TableError


def table_error_text(exc: TableError, with_row: bool = True) -> str:
    """core.tabular's English msgid, translated and filled in; with the row number when there is one."""
    message = _(exc.template) % exc.params if exc.params else _(exc.template)
    if with_row and exc.row:
        return _("Row %(row)s: %(message)s") % {"row": exc.row, "message": message}
    return message
