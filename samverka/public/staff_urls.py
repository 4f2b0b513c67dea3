"""Staff addresses for news, mounted at /nyheter/<place slug>/."""

from django.urls import path

from samverka.public import staff_views as views

app_name = "news"

urlpatterns = [
    path("<slug:slug>/", views.news_list, name="list"),
    path("<slug:slug>/ny/", views.news_create, name="create"),
    path("<slug:slug>/<uuid:pk>/", views.news_item, name="item"),
    path("<slug:slug>/<uuid:pk>/andra/", views.news_edit, name="edit"),
    path("<slug:slug>/<uuid:pk>/publicera/", views.news_publish, name="publish"),
    path("<slug:slug>/<uuid:pk>/bild.jpg", views.news_image, name="image"),
]
