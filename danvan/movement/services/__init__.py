"""Rules of the movement app, one module per topic."""

from . import ethnic_religious, figures, membership, opinion, supervision, training  # noqa: F401
from .ethnic_religious import record_view  # noqa: F401
from .exemplary import (  # noqa: F401
    add_award,
    add_model_evidence,
    add_replication,
    create_model,
    set_published,
    update_model,
)
from .figures import dashboard_panels, yearly_figures  # noqa: F401
