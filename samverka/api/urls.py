from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from samverka.api import views
from samverka.api.endpoints import activities, promises, readiness, situation

app_name = "api"


class Router(DefaultRouter):
    APIRootView = views.ApiRoot


router = Router()
router.register("counties", views.CountyViewSet, basename="county")
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("collaborations", views.CollaborationViewSet, basename="collaboration")
for endpoints in (activities, promises, readiness, situation):
    for prefix, viewset, basename in endpoints.ROUTES:
        router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("", include(router.urls)),
    path("me/", views.me, name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.docs, name="docs"),
    path("docs/swagger/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="swagger"),
]
