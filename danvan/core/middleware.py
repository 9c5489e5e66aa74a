"""Vietnamese first: the interface language comes from the user's explicit choice, never the browser."""

from django.conf import settings
from django.utils import translation


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
