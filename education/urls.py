from django.urls import path

from . import health, search, selfcheck, views

app_name = "education"

urlpatterns = [
    path("", views.home, name="home"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("preview/articles/<int:pk>/", views.article_preview, name="article_preview"),
    path("faq/", views.faq, name="faq"),
    path("faq/<slug:category_slug>/", views.faq_category, name="faq_category"),
    path("faq/<slug:category_slug>/<slug:slug>/", views.faq_question, name="faq_question"),
    path("safety/", views.safety, name="safety"),
    path("glossary/", views.glossary, name="glossary"),
    path("prepare/", views.prepare, name="prepare"),
    path("search/", search.search_view, name="search"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("self-check/", selfcheck.selfcheck, name="selfcheck"),
    path("self-check/result/", selfcheck.selfcheck_result, name="selfcheck_result"),
]
