from danvan.citizens import demo
from danvan.citizens.models import Meeting, Petition, ReceptionSession


def test_small_demo_covers_every_type_and_state(accounts):
    demo.build(scale="small", stdout=None)
    assert Petition.objects.count() == 37
    assert set(Petition.objects.values_list("petition_type", flat=True)) == {
        "complaint",
        "denunciation",
        "recommendation",
        "feedback",
    }
    assert set(Petition.objects.values_list("status", flat=True)) == {
        "received",
        "classified",
        "routed",
        "accepted",
        "answered",
        "filed",
    }
    assert ReceptionSession.objects.count() == 3
    assert set(Meeting.objects.values_list("kind", flat=True)) == {"dialogue", "voter_contact"}
    assert Petition.objects.filter(is_duplicate=True).count() == 1


def test_bulk_rows_have_deadlines(accounts):
    board = accounts["coordinator"].org_unit
    demo.build_province(areas=demo._areas(), board=board, count=300, batch=100)
    assert Petition.objects.count() == 300
    assert Petition.objects.filter(sender__isnull=False).count() == 300
    # Complaints and denunciations always have a statutory limit; recommendations only until routed.
    legal = Petition.objects.open().filter(petition_type__in=["complaint", "denunciation"])
    assert legal.exists() and not legal.filter(current_due__isnull=True).exists()


def test_small_demo_is_received_where_the_reception_officer_sits(accounts):
    """The reception officer enters the demo's petitions and reception days: they are received by the
    officer's own body, so the officer's list shows them (and not one of another body)."""
    demo.build(scale="small", stdout=None)
    officer = accounts["reception"]
    assert set(Petition.objects.values_list("received_unit", flat=True)) == {officer.org_unit_id}
    assert set(ReceptionSession.objects.values_list("unit", flat=True)) == {officer.org_unit_id}
    assert Petition.objects.visible_to(officer).count() == 37
    assert Petition.objects.visible_to(accounts["other_officer"]).count() == 0
