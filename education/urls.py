from django.urls import path

from education.content import golinks
from education.content import views as content
from education.search import views as search
from education.selfcheck import views as selfcheck
from education.site import health

app_name = "education"

urlpatterns = [
    path("", content.home, name="home"),
    path("topics/<slug:slug>/", content.topic_detail, name="topic"),
    path("articles/<slug:slug>/", content.article_detail, name="article"),
    path("preview/articles/<int:pk>/", content.article_preview, name="article_preview"),
    path("preview/drafts/<int:pk>/", content.draft_preview, name="draft_preview"),
    path("faq/", content.faq, name="faq"),
    path("faq/<slug:category_slug>/", content.faq_category, name="faq_category"),
    path("faq/<slug:category_slug>/<slug:slug>/", content.faq_question, name="faq_question"),
    path("safety/", content.safety, name="safety"),
    path("glossary/", content.glossary, name="glossary"),
    path("glossary/<str:letter>/", content.glossary_letter, name="glossary_letter"),
    path("prepare/", content.prepare, name="prepare"),
    path("tools/my-medicines/", content.medicines_list, name="medicines_list"),
    path("tools/diary/", content.diary, name="diary"),
    path("search/", search.search_view, name="search"),
    # Internal links from the editor's link picker (content/golinks.py): by item, never by slug.
    path("go/<str:kind>/<int:pk>/", golinks.go_item, name="go_item"),
    path("go/page/<slug:name>/", golinks.go_page, name="go_page"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("self-check/", selfcheck.selfcheck, name="selfcheck"),
    path("self-check/result/", selfcheck.selfcheck_result, name="selfcheck_result"),
]
