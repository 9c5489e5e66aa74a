"""Django REST framework's messages that our API answers with, in Vietnamese.

DRF's Vietnamese catalog translates only a handful of its messages. Our catalogs come before every
installed app's in LOCALE_PATHS, so the api catalog's translation of the same msgid wins; the msgids
are listed here so that makemessages keeps them in that catalog. Each msgid must stay exactly DRF's
(the `{placeholders}` are filled by DRF after translation). Messages DRF shares with Django ("This
field is required.") are translated once, in core (`danvan.core.django_messages`).
"""

from django.utils.translation import gettext_noop

DRF_MESSAGES = (
    # rest_framework.exceptions
    gettext_noop("A server error occurred."),
    gettext_noop("Invalid input."),
    gettext_noop("Malformed request."),
    gettext_noop("Incorrect authentication credentials."),
    gettext_noop("Authentication credentials were not provided."),
    gettext_noop("You do not have permission to perform this action."),
    gettext_noop("Not found."),
    gettext_noop('Method "{method}" not allowed.'),
    gettext_noop("Could not satisfy the request Accept header."),
    gettext_noop('Unsupported media type "{media_type}" in request.'),
    gettext_noop("Request was throttled."),
    # rest_framework.authentication (HTTP Basic)
    gettext_noop("Invalid basic header. No credentials provided."),
    gettext_noop("Invalid basic header. Credentials string should not contain spaces."),
    gettext_noop("Invalid basic header. Credentials not correctly base64 encoded."),
    gettext_noop("Invalid username/password."),
    gettext_noop("User inactive or deleted."),
    # rest_framework.fields
    gettext_noop("This field may not be null."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop("This field may not be blank."),
    gettext_noop("Ensure this field has no more than {max_length} characters."),
    gettext_noop("Ensure this field has at least {min_length} characters."),
    gettext_noop("This value does not match the required pattern."),
    gettext_noop("Must be a valid UUID."),
    gettext_noop("A valid integer is required."),
    gettext_noop("Ensure this value is less than or equal to {max_value}."),
    gettext_noop("Ensure this value is greater than or equal to {min_value}."),
    gettext_noop("String value too large."),
    gettext_noop("A valid number is required."),
    gettext_noop("Ensure that there are no more than {max_digits} digits in total."),
    gettext_noop("Ensure that there are no more than {max_decimal_places} decimal places."),
    gettext_noop("Ensure that there are no more than {max_whole_digits} digits before the decimal point."),
    gettext_noop("Datetime has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Expected a datetime but got a date."),
    gettext_noop('Invalid datetime for the timezone "{timezone}".'),
    gettext_noop("Datetime value out of range."),
    gettext_noop("Date has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Expected a date but got a datetime."),
    gettext_noop("Time has wrong format. Use one of these formats instead: {format}."),
    gettext_noop('"{input}" is not a valid choice.'),
    gettext_noop('Expected a list of items but got type "{input_type}".'),
    gettext_noop("This selection may not be empty."),
    gettext_noop("This list may not be empty."),
    gettext_noop("Ensure this field has at least {min_length} elements."),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    gettext_noop('Expected a dictionary of items but got type "{input_type}".'),
    gettext_noop("The submitted data was not a file. Check the encoding type on the form."),
    gettext_noop("No filename could be determined."),
    gettext_noop("Ensure this filename has at most {max_length} characters (it has {length})."),
    # rest_framework.relations
    gettext_noop('Invalid pk "{pk_value}" - object does not exist.'),
    gettext_noop("Incorrect type. Expected pk value, received {data_type}."),
    gettext_noop("Object with {slug_name}={value} does not exist."),
    gettext_noop("Invalid value."),
    # rest_framework.serializers and validators
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    gettext_noop("This field must be unique."),
    gettext_noop("The fields {field_names} must make a unique set."),
    gettext_noop("Surrogate characters are not allowed: U+{code_point:X}."),
    # rest_framework.pagination
    gettext_noop("Invalid page."),
)
