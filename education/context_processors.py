from .models import ClinicDetails


def site(request):
    """Clinic details for the header, crisis bar and footer of every page (one cached query)."""
    return {"clinic": ClinicDetails.load()}
