"""Public addresses of this app, mounted under /p/<slug:slug>/: the published yearly follow-up."""

from django.urls import path

from samverka.reports import views

app_name = "reports_public"

urlpatterns = [
    path("uppfoljning/<int:year>/", views.public_yearly_follow_up, name="yearly_follow_up"),
    path("uppfoljning/<int:year>.pdf", views.public_yearly_follow_up_pdf, name="yearly_follow_up_pdf"),
]
