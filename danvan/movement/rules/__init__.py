"""Object permissions of the movement app, one module per topic (autodiscovered by `rules`)."""

from . import exemplary  # noqa: F401
