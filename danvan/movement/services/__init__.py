"""Rules of the movement app, one module per topic."""

from .exemplary import (  # noqa: F401
    add_award,
    add_model_evidence,
    add_replication,
    create_model,
    set_published,
    update_model,
)
