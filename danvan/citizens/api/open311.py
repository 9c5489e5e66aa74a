"""Open311 GeoReport v2 (JSON) mapped onto petitions, so existing civic clients work.

Services are the four petition types; a service request is a petition and its id is the tracking
code. Responses carry status, public answer, dates, area and responsible body — never the content
or the sender (a denouncer's identity and every citizen's contact stay out of the API).
"""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import parsers, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from danvan.orgs.choices import OrgKind
from danvan.orgs.models import OrgUnit

from .. import services
from ..choices import Channel, PetitionType, Status, Topic
from ..models import Petition

SPEC = "http://wiki.open311.org/GeoReport_v2"
DESCRIPTIONS = {
    PetitionType.COMPLAINT: "Khiếu nại quyết định hoặc hành vi hành chính.",
    PetitionType.DENUNCIATION: "Tố cáo hành vi vi phạm pháp luật; danh tính người tố cáo được giữ bí mật.",
    PetitionType.RECOMMENDATION: "Kiến nghị về chính sách, pháp luật, công tác quản lý.",
    PetitionType.FEEDBACK: "Phản ánh về một vấn đề ở địa phương.",
}


def _error(code: int, description: str) -> Response:
    return Response([{"code": code, "description": description}], status=code)


# The intake's names of the sender's fields, as an Open311 client knows them.
OPEN311_FIELDS = {"full_name": "last_name, first_name"}


def _describe(error: DjangoValidationError) -> str:
    """The errors of a refused submission in one line, each named by its Open311 field."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    return " ".join(
        f"{OPEN311_FIELDS.get(field, field)}: {' '.join(messages)}"
        for field, messages in error.message_dict.items()
    )


class Open311View(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]


class ServiceSchema(serializers.Serializer):
    service_code = serializers.CharField()
    service_name = serializers.CharField()
    description = serializers.CharField()
    metadata = serializers.BooleanField()
    type = serializers.CharField()
    keywords = serializers.CharField()
    group = serializers.CharField()


class RequestSchema(serializers.Serializer):
    service_request_id = serializers.CharField()
    status = serializers.CharField()
    status_notes = serializers.CharField()
    service_name = serializers.CharField()
    service_code = serializers.CharField()
    agency_responsible = serializers.CharField()
    requested_datetime = serializers.DateTimeField()
    updated_datetime = serializers.DateTimeField()
    expected_datetime = serializers.DateTimeField(allow_null=True)
    address = serializers.CharField()
    address_id = serializers.IntegerField(allow_null=True)
    media_url = serializers.CharField()


class CreatedSchema(serializers.Serializer):
    service_request_id = serializers.CharField()
    service_notice = serializers.CharField()


class ErrorSchema(serializers.Serializer):
    code = serializers.IntegerField()
    description = serializers.CharField()


class DiscoveryView(Open311View):
    @extend_schema(
        responses=inline_serializer(
            "Open311Discovery",
            {
                "changeset": serializers.DateTimeField(),
                "contact": serializers.CharField(),
                "key_service": serializers.CharField(),
                "endpoints": serializers.ListField(child=serializers.DictField()),
            },
        )
    )
    def get(self, request):
        base = request.build_absolute_uri(reverse("open311:services"))[: -len("services.json")]
        return Response(
            {
                "changeset": "2026-01-01T00:00:00+07:00",
                "contact": getattr(settings, "DEFAULT_FROM_EMAIL", ""),
                "key_service": _("No API key is needed; submissions are rate limited per address."),
                "endpoints": [
                    {
                        "specification": SPEC,
                        "url": base,
                        "changeset": "2026-01-01T00:00:00+07:00",
                        "type": "production",
                        "formats": ["application/json"],
                    }
                ],
            }
        )


class ServiceListView(Open311View):
    @extend_schema(responses=ServiceSchema(many=True))
    def get(self, request):
        return Response(
            [
                {
                    "service_code": code,
                    "service_name": str(label),
                    "description": DESCRIPTIONS[code],
                    "metadata": False,
                    "type": "realtime",
                    "keywords": ", ".join(Topic.values),
                    "group": "don-thu",
                }
                for code, label in PetitionType.choices
            ]
        )


def _as_request(p: Petition) -> dict:
    tz = timezone.get_current_timezone()
    expected = None
    if p.is_open and p.current_due:
        expected = timezone.make_aware(
            timezone.datetime.combine(p.current_due, timezone.datetime.min.time()), tz
        )
    return {
        "service_request_id": p.code,
        "status": "open" if p.is_open else "closed",
        "status_notes": p.public_answer if p.status == Status.ANSWERED else p.get_status_display(),
        "service_name": p.get_petition_type_display(),
        "service_code": p.petition_type,
        "agency_responsible": p.competent_body.name if p.competent_body_id else "",
        "requested_datetime": p.created_at.isoformat(),
        "updated_datetime": p.updated_at.isoformat(),
        "expected_datetime": expected.isoformat() if expected else None,
        "address": p.location_unit.name if p.location_unit_id else "",
        "address_id": p.location_unit_id,
        "media_url": "",
    }


class SubmitSerializer(serializers.Serializer):
    service_code = serializers.ChoiceField(choices=PetitionType.values)
    description = serializers.CharField(max_length=5000)
    address_string = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    address_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    lat = serializers.FloatField(required=False, allow_null=True, default=None, min_value=-90, max_value=90)
    long = serializers.FloatField(
        required=False, allow_null=True, default=None, min_value=-180, max_value=180
    )
    first_name = serializers.CharField(max_length=70, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=70, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    api_key = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    device_id = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    account_id = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    media_url = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)

    def validate(self, data):
        if (data["lat"] is None) != (data["long"] is None):
            missing = "long" if data["long"] is None else "lat"
            raise serializers.ValidationError({missing: _("Give lat and long together, or neither.")})
        return data


class RequestListView(Open311View):
    parser_classes = [parsers.FormParser, parsers.MultiPartParser, parsers.JSONParser]

    @extend_schema(
        parameters=[
            OpenApiParameter(n, str, required=False)
            for n in ("service_request_id", "service_code", "status", "start_date", "end_date")
        ],
        responses={200: RequestSchema(many=True), 400: ErrorSchema(many=True)},
    )
    def get(self, request):
        qs = Petition.objects.select_related("location_unit", "competent_body").order_by("-created_at")
        params = request.query_params
        if params.get("service_request_id"):
            codes = [services.normalize_code(c) for c in params["service_request_id"].split(",")[:100]]
            qs = qs.filter(code__in=codes)
        if params.get("service_code"):
            qs = qs.filter(petition_type__in=params["service_code"].split(","))
        wanted = set(params.get("status", "").split(",")) - {""}
        if wanted and wanted <= {"open", "closed"} and len(wanted) == 1:
            qs = qs.open() if "open" in wanted else qs.filter(pending=0)
        for name, lookup in (("start_date", "created_at__gte"), ("end_date", "created_at__lte")):
            if params.get(name):
                from django.utils.dateparse import parse_datetime

                try:
                    value = parse_datetime(params[name])
                except ValueError:
                    value = None
                if value is None:
                    return _error(
                        400, _("%(name)s must be a date and time in ISO 8601 format.") % {"name": name}
                    )
                qs = qs.filter(**{lookup: value if timezone.is_aware(value) else timezone.make_aware(value)})
        return Response([_as_request(p) for p in qs[:200]])

    @extend_schema(
        request=SubmitSerializer,
        responses={201: CreatedSchema(many=True), 400: ErrorSchema(many=True), 429: ErrorSchema(many=True)},
    )
    def post(self, request):
        ser = SubmitSerializer(data=request.data)
        if not ser.is_valid():
            field, messages = next(iter(ser.errors.items()))
            return _error(400, f"{field}: {' '.join(str(m) for m in messages)}")
        d = ser.validated_data
        area = None
        if d["address_id"] is not None:
            area = OrgUnit.objects.filter(pk=d["address_id"], kind=OrgKind.COMMUNE).first()
            if area is None:
                return _error(400, _("address_id is not the id of a commune or ward."))
        if area is None and not d["address_string"] and d["lat"] is None:
            return _error(400, _("Give a location: address_string, address_id or lat and long."))
        name = f"{d['last_name']} {d['first_name']}".strip()
        where = d["address_string"] or (f"{d['lat']}, {d['long']}" if d["lat"] is not None else "")
        try:
            # The same path as the portal: one intake row in the request, the job registers it. It
            # refuses here whatever the registration would refuse (services.check_submission).
            intake = services.receive_submission(
                address=request.META.get("REMOTE_ADDR", ""),
                petition_type=d["service_code"],
                subject=d["description"][:80],
                content=d["description"],
                topic=Topic.OTHER,
                location_unit=area,
                address_text=where[:255],
                sender={"full_name": name, "phone": d["phone"], "email": d["email"]},
                is_anonymous=not name,
                channel=Channel.OPEN311,
            )
        except services.TooManySubmissions:
            return _error(429, _("Too many submissions from your address. Please try again later."))
        except DjangoValidationError as error:
            return _error(400, _describe(error))
        return Response(
            [
                {
                    "service_request_id": intake.code,
                    "service_notice": _("Keep this code to follow your petition."),
                }
            ],
            status=201,
        )


class RequestDetailView(Open311View):
    @extend_schema(responses={200: RequestSchema(many=True), 404: ErrorSchema(many=True)})
    def get(self, request, code: str):
        p = (
            Petition.objects.select_related("location_unit", "competent_body")
            .filter(Q(code=services.normalize_code(code)))
            .first()
        )
        p = p or services.pending_petition(services.normalize_code(code))
        if p is None:
            return _error(404, _("No service request has this id."))
        return Response([_as_request(p)])
