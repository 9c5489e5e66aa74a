import io

from danvan.plans import demo
from danvan.plans.models import Plan, Task


def test_small_demo_reads_a_plan_and_province_adds_synthetic_plans(org_tree, accounts):
    out = io.StringIO()
    demo.build(scale="small", stdout=out)
    plan = Plan.objects.get()
    assert plan.status == "active" and plan.tasks.exists()
    demo.build(scale="province", stdout=out)
    assert Plan.objects.count() == 11
    assert Task.objects.exclude(plan=plan).count() == 1500
