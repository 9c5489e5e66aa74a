"""Object permissions of the movement app, one module per topic (autodiscovered by `rules`)."""

from . import ethnic_religious, exemplary, membership, opinion, supervision, training  # noqa: F401
