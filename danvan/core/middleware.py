"""The project's middleware: the interface language (Vietnamese first, from the user's explicit choice,
never the browser) and the fast reading of small file-less multipart forms."""

from django.conf import settings
from django.utils import translation

from .form_body import read_small_form


class ChosenLanguageMiddleware:
    """Activate the language chosen with the header switch (cookie), else settings.LANGUAGE_CODE.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which is English on most
    office machines; officials expect the Vietnamese interface unless they pick English themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SmallFormMiddleware:
    """Read a small multipart POST without a file before anything asks for request.POST (see
    core.form_body); every other request passes untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            read_small_form(request)
        return self.get_response(request)
