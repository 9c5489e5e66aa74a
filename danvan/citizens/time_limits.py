"""The statutory time limits as data (../shared/domain.md §1), loaded into TimeLimitRule.

Loaded by the data migration 0002 and by `danvan load_time_limits` (which upserts by key, so an
edited figure can be reloaded). Nothing in the code reads these numbers directly: the deadline
service only reads TimeLimitRule rows valid on the day a step starts.

Luật số 136/2025/QH15 amends the laws on citizen reception, complaints and denunciations from
01/07/2026. The amended time limits were not checked against its text, so every rule based on those
laws is closed on 30/06/2026 and re-opened from 01/07/2026 with the same figure, flagged "verify".
"""

from datetime import date, timedelta

AMENDED_ON = date(2026, 7, 1)
AMENDMENT = "sửa đổi, bổ sung bởi Luật số 136/2025/QH15"
AMENDMENT_NOTE = "Số ngày giữ như luật trước sửa đổi; cần đối chiếu văn bản Luật số 136/2025/QH15."

KN = ("Luật Khiếu nại số 02/2011/QH13", date(2012, 7, 1))
TC = ("Luật Tố cáo số 25/2018/QH14", date(2019, 1, 1))
TCD = ("Luật Tiếp công dân số 42/2013/QH13", date(2014, 7, 1))
TT05 = ("Thông tư số 05/2021/TT-TTCP", date(2021, 11, 15))
ND20 = ("Nghị định số 20/2008/NĐ-CP", date(2008, 3, 3))

# (law, article, type, step, track, condition, channel, days, unit, counted_from, verify, note)
_BASE = [
    # Law on Complaints: time to file 90 days (second complaint 30, remote areas 45), counted from the
    # day the decision was received or known.
    (
        KN,
        "Điều 9",
        "complaint",
        "filing",
        "first",
        "",
        "",
        90,
        "calendar",
        "decision_known",
        False,
        "Thời gian ốm đau, thiên tai, địch họa, đi công tác, học tập ở nơi xa hoặc trở ngại khách quan "
        "khác không tính vào thời hiệu.",
    ),
    *[
        (KN, "Điều 33", "complaint", "filing", "second", c, "", days, "calendar", "decision_known", False, "")
        for c, days in (("", 30), ("remote", 45))
    ],
    # Law on Complaints: acceptance within 10 days, resolution 30/45 (remote 45/60), second 45/60 (60/70).
    (KN, "Điều 27", "complaint", "acceptance", "first", "", "", 10, "calendar", "received", False, ""),
    (KN, "Điều 36", "complaint", "acceptance", "second", "", "", 10, "calendar", "received", False, ""),
    (KN, "Điều 50", "complaint", "acceptance", "disciplinary", "", "", 10, "calendar", "received", False, ""),
    (KN, "Điều 28", "complaint", "resolution", "first", "", "", 30, "calendar", "accepted", False, ""),
    (KN, "Điều 28", "complaint", "resolution", "first", "complex", "", 45, "calendar", "accepted", False, ""),
    (KN, "Điều 28", "complaint", "resolution", "first", "remote", "", 45, "calendar", "accepted", False, ""),
    (
        KN,
        "Điều 28",
        "complaint",
        "resolution",
        "first",
        "remote_complex",
        "",
        60,
        "calendar",
        "accepted",
        False,
        "",
    ),
    (KN, "Điều 37", "complaint", "resolution", "second", "", "", 45, "calendar", "accepted", False, ""),
    (
        KN,
        "Điều 37",
        "complaint",
        "resolution",
        "second",
        "complex",
        "",
        60,
        "calendar",
        "accepted",
        False,
        "",
    ),
    (KN, "Điều 37", "complaint", "resolution", "second", "remote", "", 60, "calendar", "accepted", False, ""),
    (
        KN,
        "Điều 37",
        "complaint",
        "resolution",
        "second",
        "remote_complex",
        "",
        70,
        "calendar",
        "accepted",
        False,
        "",
    ),
    (KN, "Điều 50", "complaint", "resolution", "disciplinary", "", "", 30, "calendar", "accepted", False, ""),
    (
        KN,
        "Điều 50",
        "complaint",
        "resolution",
        "disciplinary",
        "complex",
        "",
        45,
        "calendar",
        "accepted",
        False,
        "",
    ),
    # Law on Denunciations: initial processing 7 (10) working days, forwarding 5 working days,
    # notice of acceptance 5 working days, resolution 30 days, extended once or twice by 30 days.
    (
        TC,
        "Điều 24 khoản 1",
        "denunciation",
        "classification",
        "",
        "",
        "",
        7,
        "working",
        "received",
        False,
        "",
    ),
    (
        TC,
        "Điều 24 khoản 1",
        "denunciation",
        "classification",
        "",
        "multi_place",
        "",
        10,
        "working",
        "received",
        False,
        "",
    ),
    (TC, "Điều 24 khoản 2", "denunciation", "forwarding", "", "", "", 5, "working", "received", False, ""),
    (
        TC,
        "Điều 24 khoản 1, Điều 29",
        "denunciation",
        "acceptance",
        "",
        "",
        "",
        7,
        "working",
        "received",
        False,
        "Quyết định thụ lý được ban hành khi kết thúc xử lý ban đầu.",
    ),
    (
        TC,
        "Điều 24 khoản 1, Điều 29",
        "denunciation",
        "acceptance",
        "",
        "multi_place",
        "",
        10,
        "working",
        "received",
        False,
        "Quyết định thụ lý được ban hành khi kết thúc xử lý ban đầu.",
    ),
    (TC, "Điều 29", "denunciation", "notification", "", "", "", 5, "working", "accepted", False, ""),
    (TC, "Điều 30", "denunciation", "resolution", "", "", "", 30, "calendar", "accepted", False, ""),
    (
        TC,
        "Điều 30",
        "denunciation",
        "extension",
        "",
        "extension_1",
        "",
        30,
        "calendar",
        "previous_due",
        False,
        "Vụ việc phức tạp: gia hạn một lần.",
    ),
    (
        TC,
        "Điều 30",
        "denunciation",
        "extension",
        "",
        "extension_2",
        "",
        30,
        "calendar",
        "previous_due",
        False,
        "Vụ việc đặc biệt phức tạp: gia hạn lần hai.",
    ),
]

# Letter processing: TT 05/2021 (the 10 working days are NOT confirmed in its text: "verify").
_LETTERS = (
    [
        (
            TT05,
            "quy trình xử lý đơn (10 ngày làm việc — cần xác minh)",
            t,
            "classification",
            "",
            "",
            "",
            10,
            "working",
            "received",
            True,
            "Con số 10 ngày làm việc thường được gán cho Thông tư 05/2021 "
            "nhưng chưa được xác minh với văn bản gốc.",
        )
        for t in ("complaint", "recommendation", "feedback")
    ]
    + [
        (
            TT05,
            "Điều 14 (thời hạn chuyển đơn — cần xác minh)",
            "complaint",
            "forwarding",
            "",
            "",
            "",
            10,
            "working",
            "received",
            True,
            "Chưa xác minh thời hạn chuyển đơn khiếu nại trong văn bản gốc.",
        ),
    ]
    + [
        (
            ND20,
            "Điều 9",
            t,
            "forwarding",
            "",
            "",
            "",
            5,
            "working",
            "received",
            False,
            "Áp dụng cho phản ánh, kiến nghị về quy định hành chính.",
        )
        for t in ("recommendation", "feedback")
    ]
)

# Citizen reception: answer the visitor within 10 working days (Luật TCD Điều 28 khoản 1).
_RECEPTION = [
    (TCD, "Điều 28 khoản 1", t, "reply_visitor", "", "", "reception", 10, "working", "received", False, "")
    for t in ("complaint", "denunciation", "recommendation", "feedback")
]
# Online reception exists only from the amendment (Luật 136/2025/QH15).
_ONLINE = [
    dict(
        law=TCD,
        article="Điều 28 khoản 1",
        petition_type=t,
        step="reply_visitor",
        channel="online_reception",
        days=10,
        unit="working",
        counted_from="received",
    )
    for t in ("complaint", "denunciation", "recommendation", "feedback")
]

AMENDED_LAWS = {KN[0], TC[0], TCD[0]}


# What makes two rules versions of one time limit: the same type, step, procedure, condition and channel.
VERSION_OF = ("petition_type", "step", "complaint_track", "condition", "channel")


def rule_key(row: dict) -> str:
    """The key of a rule version: what it is a version of, and the day it starts."""
    parts = [*(row[field] for field in VERSION_OF), row["valid_from"].strftime("%Y%m%d")]
    return "-".join(p.replace("_", "") for p in parts if p)


def rule_rows() -> list[dict]:
    """Every rule as a dict of TimeLimitRule fields (key included)."""
    rows = []
    for law, article, ptype, step, track, cond, channel, days, unit, counted, verify, note in (
        _BASE + _LETTERS + _RECEPTION
    ):
        name, since = law
        row = dict(
            petition_type=ptype,
            step=step,
            complaint_track=track,
            condition=cond,
            channel=channel,
            days=days,
            unit=unit,
            counted_from=counted,
            legal_basis=f"{name}, {article}",
            valid_from=since,
            valid_to=None,
            verify=verify,
            note=note,
        )
        if name in AMENDED_LAWS:
            rows.append(row | {"valid_to": date(2026, 6, 30)})
            rows.append(
                row
                | {
                    "valid_from": AMENDED_ON,
                    "legal_basis": f"{name} ({AMENDMENT}), {article}",
                    "verify": True,
                    "note": (note + " " + AMENDMENT_NOTE).strip(),
                }
            )
        else:
            rows.append(row)
    for spec in _ONLINE:
        name, _since = spec["law"]
        rows.append(
            dict(
                petition_type=spec["petition_type"],
                step=spec["step"],
                complaint_track="",
                condition="",
                channel=spec["channel"],
                days=spec["days"],
                unit=spec["unit"],
                counted_from=spec["counted_from"],
                legal_basis=f"{name} ({AMENDMENT}), {spec['article']}",
                valid_from=AMENDED_ON,
                valid_to=None,
                verify=True,
                note="Tiếp công dân trực tuyến được bổ sung từ 01/07/2026. " + AMENDMENT_NOTE,
            )
        )
    for row in rows:
        row["key"] = rule_key(row)
    return rows


def load(model, *, keep_changes: bool = True) -> tuple[int, int, int]:
    """Upsert every rule into `model` (TimeLimitRule, real or historical); returns (created, updated,
    kept). A rule the Board changed in the application keeps its values unless `keep_changes` is False,
    which sets it back to the table."""
    # The data migrations before the flag existed load into a historical model without it.
    tracks_changes = any(field.name == "changed_in_app" for field in model._meta.concrete_fields)
    changed = set()
    if tracks_changes and keep_changes:
        changed = set(model.objects.filter(changed_in_app=True).values_list("key", flat=True))
    created = updated = kept = 0
    for row in rule_rows():
        if row["key"] in changed:
            kept += 1
            continue
        fields = {k: v for k, v in row.items() if k != "key"}
        if tracks_changes:
            fields["changed_in_app"] = False
        _obj, was_created = model.objects.update_or_create(key=row["key"], defaults=fields)
        created += was_created
        updated += not was_created
    end_superseded(model)
    return created, updated, kept


def end_superseded(model) -> None:
    """Each version ends the day before the next one starts. A version the Board added in the
    application is not in the table above: without this, loading the table again would reopen the
    version it replaced, and both would apply from its start."""
    versions = {}
    for rule in model.objects.order_by(*VERSION_OF, "valid_from"):
        versions.setdefault(tuple(getattr(rule, field) for field in VERSION_OF), []).append(rule)
    for rules in versions.values():
        for rule, following in zip(rules, rules[1:], strict=False):
            day_before = following.valid_from - timedelta(days=1)
            if rule.valid_to is None or rule.valid_to > day_before:
                rule.valid_to = day_before
                rule.save(update_fields=["valid_to"])
