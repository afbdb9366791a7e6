from django.urls import path

from . import views

app_name = "education"

urlpatterns = [
    path("", views.home, name="home"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("preview/articles/<int:pk>/", views.article_preview, name="article_preview"),
    path("faq/", views.faq, name="faq"),
    path("safety/", views.safety, name="safety"),
    path("glossary/", views.glossary, name="glossary"),
    path("prepare/", views.prepare, name="prepare"),
]
