from .cache import clinic_details


def site(request):
    """Clinic details for the header, crisis bar and footer of every page (one cached query)."""
    return {"clinic": clinic_details()}
