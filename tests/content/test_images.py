"""The image library: only real, reasonable pictures get in; what comes out has no hidden details;
renditions are made once; files are written whole or not at all; an image in use cannot be
deleted, and one under review or approval is not changed past it."""

import datetime
import errno
import io
import os
import random
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage

from education.editorial import drafts, scheduling
from education.models import Article, Draft, Image, Status
from tests.admin_forms import draft_step, edit_in_admin


def jpeg_with_gps():
    exif = PILImage.Exif()
    exif[0x0110] = "Clinic Phone 12"  # camera model
    exif[0x0112] = 6  # orientation: rotate 90° to show upright
    exif[0x8825] = {1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)}  # GPS position
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 480), (200, 60, 60)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def png(width, height, fmt="PNG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (10, 200, 90)).save(buffer, fmt)
    return buffer.getvalue()


def huge_png_header(width=30_000, height=30_000):
    """A tiny file that claims 30,000 x 30,000 pixels (what a decompression bomb looks like)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )


def upload(client, data, name="photo.jpg", **fields):
    values = {"alt_text": "A nurse checks a patient's blood pressure", "caption": "", "credit": ""} | fields
    return client.post(
        reverse("admin:education_image_add"), {**values, "upload": SimpleUploadedFile(name, data)}
    )


@pytest.fixture
def staff(client, editor, media_root):
    client.force_login(editor)
    return client


def errors(response):
    return " ".join(str(e) for field in response.context["adminform"].form.errors.values() for e in field)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\xff\xd8\xff\xe0 this is not really a jpeg", "photo.jpg", "damaged"),
        (png(40, 30, "GIF"), "still.jpg", "GIF images are not accepted"),
        (b"Hello, I am a text file called photo.jpg", "photo.jpg", "not a JPEG, PNG or WebP"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.svg", "SVG"),
        (huge_png_header(), "huge.png", "too many pixels"),
        (png(12_000, 20), "wide.png", "too large to use"),
        (b"", "empty.jpg", "empty"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message_and_nothing_is_saved(
    staff, media_root, data, name, message
):
    response = upload(staff, data, name)
    assert response.status_code == 200
    assert message in errors(response)
    assert not Image.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_an_animated_gif_is_refused(staff):
    frames = [PILImage.new("RGB", (20, 20), colour) for colour in ((255, 0, 0), (0, 255, 0))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    assert "not accepted" in errors(upload(staff, buffer.getvalue(), "moving.gif"))


@pytest.mark.parametrize("alt", ["", "   ", "IMG_2041.JPG", "photo.png", "DSC_0012", "12345"])
def test_empty_or_file_name_alt_text_is_refused_unless_decorative(staff, alt):
    response = upload(staff, png(100, 80), "pic.png", alt_text=alt)
    assert response.status_code == 200 and not Image.objects.exists()
    assert "Describe the image" in errors(response) or "looks like a file name" in errors(response)
    response = upload(staff, png(100, 80), "pic.png", alt_text=alt, decorative="on")
    assert response.status_code == 302 and Image.objects.get().decorative


def test_gps_camera_and_other_metadata_never_reach_patients_and_the_photo_is_upright(staff, media_root):
    assert upload(staff, jpeg_with_gps()).status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (480, 640)  # the EXIF orientation was applied
    files = [path for path in media_root.rglob("*") if path.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        stored = PILImage.open(io.BytesIO(data))
        assert not stored.getexif(), path.name
        assert "exif" not in stored.info and "icc_profile" not in stored.info and "xmp" not in stored.info
        assert b"Clinic Phone" not in data and b"GPS" not in data


def test_renditions_are_made_once_at_upload_in_webp_and_a_fallback_with_hashed_names(staff, media_root):
    assert upload(staff, png(2000, 1000), "chart.png").status_code == 302
    image = Image.objects.get()
    assert [r["width"] for r in image.renditions] == [480, 960, 1440]
    for rendition in image.renditions:
        webp = PILImage.open(media_root / rendition["webp"])
        fallback = PILImage.open(media_root / rendition["fallback"])
        assert webp.format == "WEBP" and fallback.format in ("PNG", "JPEG")
        assert webp.size == (rendition["width"], rendition["width"] // 2)
        assert rendition["webp"].startswith(f"images/{image.content_hash[:2]}/{image.content_hash[:16]}-")
    html = image.picture_html()
    assert html.count("w, ") == 4 and 'sizes="' in html and 'width="1440" height="720"' in html
    assert 'loading="lazy"' in html and '<source type="image/webp"' in html


def test_a_small_image_is_not_enlarged(image_factory):
    image = image_factory(width=300, height=200)
    assert [r["width"] for r in image.renditions] == [300]


def test_the_library_lists_thumbnails_and_searches_alt_text_and_captions(staff, image_factory):
    image_factory(alt_text="A nasal spray device", caption="Two sprays, one in each nostril")
    image_factory(alt_text="A blood pressure cuff on an arm")
    page = staff.get(reverse("admin:education_image_changelist"), {"q": "nostril"}).content.decode()
    assert "A nasal spray device" in page and "blood pressure cuff" not in page
    assert 'class="image-thumb"' in page
    found = staff.get(reverse("admin:education_image_choose"), {"q": "cuff"}).json()["images"]
    assert [i["alt"] for i in found] == ["A blood pressure cuff on an arm"]


def test_an_image_in_use_shows_where_and_cannot_be_deleted(
    staff, image_factory, make_article, superuser, client
):
    image = image_factory(alt_text="A timeline of the treatment day")
    article = make_article(title="Your treatment day")
    article.body = f'<p>See below.</p><img data-image-id="{image.pk}" src="x" alt="">'
    article.save()
    change = staff.get(reverse("admin:education_image_change", args=[image.pk])).content.decode()
    assert "Your treatment day" in change
    client.force_login(superuser)
    confirm = client.get(reverse("admin:education_image_delete", args=[image.pk])).content.decode()
    assert "is used in the article “Your treatment day”" in confirm
    client.post(reverse("admin:education_image_delete", args=[image.pk]), {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()
    article.body = "<p>No picture now.</p>"
    article.save()
    client.post(reverse("admin:education_image_delete", args=[image.pk]), {"post": "yes"})
    assert not Image.objects.filter(pk=image.pk).exists()


def test_deleting_one_of_two_uploads_of_the_same_picture_keeps_the_other_s_files(
    staff, client, superuser, media_root, django_capture_on_commit_callbacks
):
    data = png(1200, 800)
    assert upload(staff, data).status_code == 302
    assert upload(staff, data, alt_text="The same chart, for the FAQ").status_code == 302
    first, second = Image.objects.order_by("pk")
    assert first.file == second.file  # the same content-hashed names
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:education_image_delete", args=[first.pk]), {"post": "yes"})
    assert not Image.objects.filter(pk=first.pk).exists()
    assert_whole(media_root, second)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:education_image_delete", args=[second.pk]), {"post": "yes"})
    assert stored_files(media_root) == []  # the last one takes the files with it


def test_changing_alt_text_updates_the_pages_that_show_the_image(image_factory, make_article):
    image = image_factory(alt_text="Old words")
    article = make_article()
    article.body = f'<img data-image-id="{image.pk}" src="x" alt="">'
    article.save()
    image.alt_text = "A nurse with a blood pressure cuff"
    image.save()
    article.refresh_from_db()
    assert 'alt="A nurse with a blood pressure cuff"' in article.body_html


def change_image(client, image, **fields):
    values = {
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        **({"decorative": "on"} if image.decorative else {}),
    }
    return client.post(reverse("admin:education_image_change", args=[image.pk]), values | fields)


def test_an_editor_cannot_change_an_image_on_a_live_page_past_review(
    staff, client, medical_reviewer_user, image_factory, make_article
):
    """Image.save re-renders the pages showing it, so an editor's change would skip medical review."""
    image = image_factory(alt_text="A nurse takes a blood pressure reading")
    article = make_article(title="Your treatment day")
    article.body = f'<img data-image-id="{image.pk}" src="x" alt="">'
    article.save()

    page = staff.get(reverse("admin:education_image_change", args=[image.pk])).content.decode()
    assert "only a medical reviewer can change this image" in page
    response = change_image(staff, image, alt_text="A nurse with a cuff", caption="Before the dose")
    assert response.status_code == 200
    message = response.content.decode()
    assert (
        "This image is on live pages or in content under medical review "
        "(the article “Your treatment day” (live))" in message
    )
    assert 'value="A nurse with a cuff"' in message  # what they typed is still in the form
    image.refresh_from_db(), article.refresh_from_db()
    assert image.alt_text == "A nurse takes a blood pressure reading"
    assert 'alt="A nurse takes a blood pressure reading"' in article.body_html

    client.force_login(medical_reviewer_user)
    assert change_image(client, image, alt_text="A nurse with a cuff").status_code == 302
    article.refresh_from_db()
    assert 'alt="A nurse with a cuff"' in article.body_html


def test_an_editor_can_change_an_image_that_only_drafts_show(staff, image_factory, make_article):
    image = image_factory(alt_text="Old words")
    article = make_article(status=Status.DRAFT)
    article.body = f'<img data-image-id="{image.pk}" src="x" alt="">'
    article.save()
    unused = image_factory(alt_text="Not used yet")
    assert change_image(staff, image, alt_text="A nurse with a cuff").status_code == 302
    assert change_image(staff, unused, caption="Drawn by clinic staff").status_code == 302
    image.refresh_from_db(), unused.refresh_from_db(), article.refresh_from_db()
    assert (image.alt_text, unused.caption) == ("A nurse with a cuff", "Drawn by clinic staff")
    assert 'alt="A nurse with a cuff"' in article.body_html


def test_an_image_only_on_a_page_hidden_since_its_unpublish_time_is_not_live(
    staff, image_factory, make_article
):
    """Patients no longer see the page, and bringing it back is a draft a reviewer approves."""
    image = image_factory(alt_text="Old words")
    article = make_article(unpublish_at=timezone.now() - datetime.timedelta(days=1))
    article.body = f'<img data-image-id="{image.pk}" src="x" alt="">'
    article.save()
    assert image.protected_usages() == []
    assert change_image(staff, image, alt_text="A nurse with a cuff").status_code == 302
    image.refresh_from_db()
    assert image.alt_text == "A nurse with a cuff"


def test_an_image_on_a_page_scheduled_to_go_live_is_protected_but_not_called_live(
    staff, image_factory, make_article
):
    """The page goes live at its publish time with no further review, so an editor may not change it;
    patients do not see it yet, so it is not "live"."""
    image = image_factory(alt_text="Old words")
    article = make_article(title="Coming soon", publish_at=timezone.now() + datetime.timedelta(days=2))
    article.body = f'<img data-image-id="{image.pk}" src="x" alt="">'
    article.save()
    assert image.protected_usages() == [("the article “Coming soon”", Image.GOES_LIVE)]
    response = change_image(staff, image, alt_text="A nurse with a cuff")
    assert response.status_code == 200
    assert "(the article “Coming soon” (goes live later))" in response.content.decode()
    image.refresh_from_db()
    assert image.alt_text == "Old words"


# Files written whole or not at all.


def noisy_jpeg(width=1600, height=900, seed=1):
    """A photo-like picture (noise does not compress): its files are hundreds of KB."""
    pixels = random.Random(seed).randbytes(width * height * 3)
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", (width, height), pixels).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


def disk_with_free_bytes(monkeypatch, free):
    """os.write as on a disk with ``free`` bytes left: a write that does not fit writes what fits,
    the next one fails with ENOSPC. Returns a list of the sizes written."""
    real_write, written = os.write, []

    def write(fd, data):
        room = free - sum(written)
        if room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        count = real_write(fd, bytes(data[:room]))
        written.append(count)
        return count

    monkeypatch.setattr(os, "write", write)
    return written


def assert_whole(media_root, image):
    for name in [image.file, *(r[key] for r in image.renditions for key in ("webp", "fallback"))]:
        path = media_root / name
        PILImage.open(path).load()  # decodes every pixel: a truncated file raises here
        assert path.stat().st_mode & 0o777 == 0o644  # readable by the proxy that serves /media/
    assert not list(media_root.rglob("*.part"))


def test_a_full_disk_refuses_the_upload_clearly_leaves_no_file_and_a_retry_stores_whole_images(
    staff, media_root, monkeypatch
):
    data = noisy_jpeg()
    written = disk_with_free_bytes(monkeypatch, free=600_000)
    response = upload(staff, data, "photo.jpg", alt_text="A nurse checks a patient's blood pressure")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Nothing was saved: the server&#x27;s disk is full" in html
    assert 'value="A nurse checks a patient&#x27;s blood pressure"' in html  # the form is kept
    assert len(written) > 2  # some renditions were written whole before the disk filled
    assert stored_files(media_root) == [] and not Image.objects.exists()

    monkeypatch.undo()
    assert upload(staff, data, "photo.jpg").status_code == 302
    assert_whole(media_root, Image.objects.get())


def test_a_truncated_file_left_under_the_final_name_is_replaced_on_retry(staff, media_root):
    """What a full disk left before files were written whole: a retry used to keep it."""
    data = noisy_jpeg()
    assert upload(staff, data).status_code == 302
    first = Image.objects.get()
    largest = media_root / first.renditions[-1]["webp"]
    whole = largest.read_bytes()
    largest.write_bytes(whole[: len(whole) // 2])
    first.delete()

    assert upload(staff, data).status_code == 302
    image = Image.objects.get()
    assert image.renditions[-1]["webp"] == first.renditions[-1]["webp"]
    assert largest.read_bytes() == whole
    assert_whole(media_root, image)


def test_an_upload_whose_database_save_fails_leaves_no_files(staff, media_root, monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Image, "save", locked)
    response = upload(staff, png(800, 600))
    assert response.status_code == 503  # the staff error page: nothing was saved, the text is kept
    assert "Nothing was saved" in response.content.decode()
    assert stored_files(media_root) == [] and not Image.objects.exists()


def test_an_editor_cannot_change_an_image_in_an_item_that_is_in_review(staff, image_factory, make_article):
    image = image_factory(alt_text="A nurse takes a blood pressure reading")
    article = make_article(title="New aftercare", status=Status.IN_REVIEW)
    Article.objects.filter(pk=article.pk).update(body=f'<img data-image-id="{image.pk}" src="x" alt="">')
    response = change_image(staff, image, alt_text="A nurse with a cuff")
    assert response.status_code == 200
    assert "(the article “New aftercare” (in review))" in response.content.decode()
    image.refresh_from_db()
    assert image.alt_text == "A nurse takes a blood pressure reading"


# Images used by drafts in review or approved for later: driven as an Editor would, through the
# real admin forms, then forged POSTs to the image's change form with the Editor's session.


@pytest.fixture
def draft_with_image(staff, image_factory, make_article):
    """A live article without the image, and an Editor's draft of it that adds the image."""
    image = image_factory(alt_text="A nurse takes a blood pressure reading", caption="Before the dose")
    article = make_article(title="Your treatment day", body="Rest today.")
    body = f'<p>Rest today.</p><img data-image-id="{image.pk}" src="x" alt="">'
    assert edit_in_admin(staff, article, body=body).status_code == 302
    return image, article, Draft.objects.get()


def test_an_editor_cannot_change_an_image_in_a_draft_in_review(
    staff, client, medical_reviewer_user, draft_with_image, media_root
):
    image, _article, draft = draft_with_image
    # Not submitted yet: the draft's author may still change the picture.
    assert change_image(staff, image, caption="Before the first dose").status_code == 302
    draft_step(staff, draft, "submit", note="")
    files = stored_files(media_root)

    page = staff.get(reverse("admin:education_image_change", args=[image.pk])).content.decode()
    assert "Draft of the article" in page and "only a medical reviewer can change this image" in page
    for forged in (
        {"alt_text": "A nurse with a cuff"},
        {"caption": "Any time"},
        {"upload": SimpleUploadedFile("other.png", png(900, 600))},
    ):
        response = change_image(staff, image, **forged)
        assert response.status_code == 200
        html = response.content.decode()
        assert "(the draft of the article “Your treatment day” (in review))" in html
        assert "a medical reviewer makes such changes" in html
        assert all(f'value="{v}"' in html for v in forged.values() if isinstance(v, str))  # form kept
    image.refresh_from_db()
    assert (image.alt_text, image.caption) == (
        "A nurse takes a blood pressure reading",
        "Before the first dose",
    )
    assert stored_files(media_root) == files  # the refused file was not even written

    client.force_login(medical_reviewer_user)  # the reviewer checking the draft may correct it
    assert change_image(client, image, alt_text="A nurse with a cuff").status_code == 302


def test_no_one_changes_an_image_under_an_approval_and_the_approved_picture_goes_live(
    staff, client, medical_reviewer_user, superuser, draft_with_image, monkeypatch
):
    image, article, draft = draft_with_image
    draft_step(staff, draft, "submit", note="")
    client.force_login(medical_reviewer_user)
    later = timezone.localtime() + datetime.timedelta(days=2)
    draft_step(client, draft, "approve", go_live_at=later.strftime("%Y-%m-%dT%H:%M"))
    draft.refresh_from_db()
    assert draft.state == Draft.State.SCHEDULED
    approved = Image.objects.get(pk=image.pk)

    for session in (staff, client):  # the Editor's forged POSTs, and even the reviewer's
        for forged in (
            {"alt_text": "A nurse with a cuff"},
            {"upload": SimpleUploadedFile("other.png", png(900, 600))},
        ):
            response = change_image(session, image, **forged)
            assert response.status_code == 200
            html = response.content.decode()
            assert "approved to go live later (the draft of the article “Your treatment day”)" in html
            assert "upload the new picture as a new image" in html.lower()
    client.force_login(superuser)
    client.post(reverse("admin:education_image_delete", args=[image.pk]), {"post": "yes"})
    image.refresh_from_db()
    assert (image.alt_text, image.file, image.renditions) == (
        approved.alt_text,
        approved.file,
        approved.renditions,
    )

    Draft.objects.filter(pk=draft.pk).update(go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    drafts.remember_next_due()
    monkeypatch.setitem(scheduling._last_look, "at", float("-inf"))
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="A nurse takes a blood pressure reading"' in page
    assert approved.renditions[-1]["fallback"] in page
