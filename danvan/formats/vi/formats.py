# Django's Vietnamese formats set the separators but no grouping, so `floatformat:"g"` would print
# 260183; Vietnamese groups by thousands: 260.183.
NUMBER_GROUPING = 3
