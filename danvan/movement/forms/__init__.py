from .exemplary import AwardForm, ExemplaryModelFilterForm, ExemplaryModelForm, ReplicationForm  # noqa: F401
