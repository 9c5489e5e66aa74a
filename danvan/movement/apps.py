from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementConfig(AppConfig):
    name = "danvan.movement"
    label = "movement"
    verbose_name = _("Movement")
    navigation = [
        (450, "movement:model_list", _("Exemplary models"), "movement.view_exemplarymodel"),
        # One entry for supervision, membership, training, ethnic and religious affairs and public opinion.
        (451, "movement:index", _("Movement work"), "movement.view_work"),
    ]
    home_panels = [(40, "danvan.movement.views.overview.home_panel")]
