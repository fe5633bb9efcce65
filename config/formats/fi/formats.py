# Finnish formats: Django's, plus ISO dates accepted in forms.
from django.conf.locale.fi.formats import *  # noqa: F403

DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
