import rules

from danvan.core.permissions import is_agency_officer, is_coordinator, manages_everything, path_in_scope


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def owns_model(user, model) -> bool:
    return model is not None and model.unit_id is not None and path_in_scope(user, model.unit.path)


rules.add_perm("movement.view_exemplarymodel", is_signed_in)
rules.add_perm("movement.add_exemplarymodel", manages_everything | is_agency_officer)
rules.add_perm("movement.change_exemplarymodel", manages_everything | (is_agency_officer & owns_model))
# Publishing to the public portal is the Board's decision.
rules.add_perm("movement.publish_exemplarymodel", is_coordinator)
