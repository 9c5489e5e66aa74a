"""Models of the movement app, one module per topic."""

from .exemplary import Award, ExemplaryModel, ModelEvidence, Replication

__all__ = ["Award", "ExemplaryModel", "ModelEvidence", "Replication"]
