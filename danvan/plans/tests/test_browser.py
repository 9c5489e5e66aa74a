import pytest

from danvan.plans import services
from danvan.plans.models import Assignment

from .factories import SAMPLE, build_registry_units


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_review_screen_correct_one_lead_and_see_it_in_the_plan(page, login, accounts, org_tree):
    build_registry_units(org_tree)
    extracted = services.match_bodies(services.read_document(SAMPLE.encode("utf-8"), "sample.txt"))
    plan = services.save_extracted_plan(extracted, actor=None)
    task = plan.tasks.get(order=2)
    login("coordinator")
    page.goto(f"{page.base_url}/plans/{plan.pk}/review/")
    page.click(f"#task-{task.pk} p")
    assert page.inner_text("#plan-highlight") == task.text
    page.click(f"#task-{task.pk} a.btn")
    page.select_option("#id_a-0-unit", str(org_tree["organisation"].pk))
    page.click("button[type=submit].btn-primary")
    page.wait_for_url(f"**/plans/{plan.pk}/review/**")
    page.click("form[action$='/activate/'] button")
    page.wait_for_url(f"**/plans/{plan.pk}/")
    row = page.locator(f"#task-{task.pk}")
    assert "Ban Tổ chức" in row.inner_text()
    assert Assignment.objects.get(task=task, role="lead").unit == org_tree["organisation"]
