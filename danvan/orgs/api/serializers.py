from rest_framework import serializers

from ..models import OrgUnit


class OrgUnitSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "key",
            "kind",
            "name",
            "short_name",
            "code",
            "parent",
            "territory",
            "valid_from",
            "valid_to",
            "aliases",
        ]
