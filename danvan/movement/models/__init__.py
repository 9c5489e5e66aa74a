"""Models of the movement app, one module per topic."""

from .ethnic_religious import (
    CaseFollowUp,
    ComplexCase,
    EthnicFestival,
    PersonalDataAccess,
    PrestigiousPerson,
    ReligiousBody,
)
from .exemplary import Award, ExemplaryModel, ModelEvidence, Replication
from .membership import MemberRecord, MembershipCount, MembershipSurvey, SurveyReturn
from .opinion import OpinionNote
from .supervision import Recommendation, SocialCriticism, SupervisionProgramme
from .training import TrainingCourse, TrainingParticipation

__all__ = [
    "Award",
    "CaseFollowUp",
    "ComplexCase",
    "EthnicFestival",
    "ExemplaryModel",
    "MemberRecord",
    "MembershipCount",
    "MembershipSurvey",
    "ModelEvidence",
    "OpinionNote",
    "PersonalDataAccess",
    "PrestigiousPerson",
    "Recommendation",
    "ReligiousBody",
    "Replication",
    "SocialCriticism",
    "SupervisionProgramme",
    "SurveyReturn",
    "TrainingCourse",
    "TrainingParticipation",
]
