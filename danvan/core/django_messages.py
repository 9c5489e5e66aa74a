"""Django's own messages that our forms and models show, with Vietnamese words of our own.

Django's Vietnamese catalog leaves some untranslated ("Null characters are not allowed.") and words
others wrongly ("Enter a whole number." as "Nhập một số tổng thể."). Our catalogs come first in
LOCALE_PATHS, so the core catalog's translation of the same msgid wins; the msgids are listed here so
that makemessages keeps them in that catalog. The msgid must stay exactly Django's.
"""

from django.utils.translation import gettext_noop

DJANGO_MESSAGES = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid email address."),
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."
    ),
    gettext_noop("This account is inactive."),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop("Value must be valid JSON."),
    gettext_noop("Enter a valid JSON."),
    gettext_noop(
        "File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."
    ),
)
