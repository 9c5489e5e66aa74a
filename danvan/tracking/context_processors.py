"""Unread in-app notifications for the header (one COUNT query per page)."""


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    from .models import Notification

    return {"unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count()}
