"""Staff-written rich text: one allow-list, one cleaning step, one renderer.

The admin's editor (django-prose-editor, ProseMirror) sends HTML. Whatever the browser sends,
``clean_rich_html`` keeps only what the toolbar can make: h2-h4 headings, paragraphs, bold,
italic, lists, links, blockquotes and images from our own library. Before the allow-list it
undoes what Word and Google Docs put on the clipboard (mso- list paragraphs, <o:p>, style spans,
comments, Google's bold wrapper), so pasted headings, lists, bold, italic and links survive and
fonts, colours and styles do not. Every save runs it (the admin form, the demo loader, the
shell): the model never stores HTML that did not pass through here.

``render_rich_html`` turns the stored HTML into what patients get: library images become
<picture> elements with their renditions (see education.content.images). This module reads no
database: the caller hands it the images (education/text/ sits below the models).
"""

import html as html_lib
import re
from html.parser import HTMLParser

import nh3

# THE allow-list for stored rich text (migration 0007 carries a frozen copy).
ALLOWED_TAGS = {"p", "br", "h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "a", "blockquote", "img"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "data-image-id"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Dropped with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = {"script", "style", "xml", "title", "head", "template", "noscript", "object", "iframe"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
    clean_content_tags=DROPPED_WITH_CONTENT,
)
_public_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
    clean_content_tags=DROPPED_WITH_CONTENT,
)

HEADING_MAP = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
_WORD_COMMENT_CLASSES = ("msocomanchor", "msocomtxt", "msocomreference", "msocommentreference")
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source"}


def _style(attrs):
    return (dict(attrs).get("style") or "").lower().replace(" ", "")


def _classes(attrs):
    return (dict(attrs).get("class") or "").lower()


class _ClipboardFixer(HTMLParser):
    """One pass over office clipboard HTML, rewritten to plain semantic tags before the allow-list.

    - Word list paragraphs (``style="mso-list:l0 level1 lfo1"``) become <ul>/<ol><li>; the fake
      bullet or number Word writes in a ``mso-list:Ignore`` span is dropped.
    - Word comments (anchors, the comment list) and conditional comments are dropped.
    - ``<b>``/``<i>`` and Google's ``font-weight:700``/``font-style:italic`` spans become
      <strong>/<em>; Google's ``<b style="font-weight:normal" id="docs-internal-guid-…">``
      wrapper is only a wrapper. h1 becomes h2 (the page owns the h1), h5/h6 become h4.
    """

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []
        self.stack = []  # per open element: the closing text to emit ("" for unwrapped tags)
        self.skip_depth = 0  # inside something dropped with its content
        self.list_kind = None  # "ul"/"ol" while a run of Word list paragraphs is open
        self.in_list_paragraph = False
        self.pending_item = False

    # Word list paragraphs -------------------------------------------------------------------

    def _close_list(self):
        if self.list_kind:
            self.out.append(f"</{self.list_kind}>")
            self.list_kind = None

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if self.skip_depth:
            if tag not in _VOID:
                self.skip_depth += 1
            return
        style, classes = _style(attrs), _classes(attrs)
        drop = (
            "mso-list:ignore" in style
            or "mso-element:comment" in style
            or any(name in classes for name in _WORD_COMMENT_CLASSES)
            or tag in DROPPED_WITH_CONTENT
        )
        if drop:
            if tag not in _VOID:
                self.skip_depth = 1
            return
        if tag == "p" and "mso-list:" in style and "mso-list:none" not in style:
            self.in_list_paragraph = True
            self.pending_item = True  # the list kind is known once the fake number is seen
            self.stack.append("</li>")
            return
        if tag in ("p", "div", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"):
            self._close_list()
        self.out.append(self._open(tag, attrs, style))

    def _open(self, tag, attrs, style):
        if tag in _VOID:
            return self.get_starttag_text() or ""
        if tag == "b":
            if "font-weight:normal" in style or (dict(attrs).get("id") or "").startswith(
                "docs-internal-guid"
            ):
                self.stack.append("")
                return ""
            self.stack.append("</strong>")
            return "<strong>"
        if tag == "i":
            self.stack.append("</em>")
            return "<em>"
        if tag in HEADING_MAP:
            self.stack.append(f"</{HEADING_MAP[tag]}>")
            return f"<{HEADING_MAP[tag]}>"
        if tag == "span":
            bold = re.search(r"font-weight:(bold|[6-9]00)", style)
            italic = "font-style:italic" in style
            opening = ("<strong>" if bold else "") + ("<em>" if italic else "")
            self.stack.append(("</em>" if italic else "") + ("</strong>" if bold else ""))
            return opening
        self.stack.append(f"</{tag}>")
        return self.get_starttag_text() or f"<{tag}>"

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in _VOID:
            return
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if not self.stack:
            return
        closing = self.stack.pop()
        if self.in_list_paragraph and closing == "</li>" and tag == "p":
            self.in_list_paragraph = False
            if self.pending_item:  # no fake number seen: a bullet list
                self._start_item("ul")
        self.out.append(closing)

    def _start_item(self, kind):
        if self.list_kind != kind:
            self._close_list()
            self.out.append(f"<{kind}>")
            self.list_kind = kind
        self.out.append("<li>")
        self.pending_item = False

    def _text(self, text):
        visible = html_lib.unescape(text).strip()
        if self.skip_depth:
            if self.in_list_paragraph and self.pending_item and visible:
                # The fake bullet/number Word writes: "1." or "a)" means a numbered list.
                self._start_item("ol" if re.fullmatch(r"(\d+|[a-zA-Z]|[ivxIVX]+)[.)]", visible) else "ul")
            return
        if self.in_list_paragraph and self.pending_item:
            if not visible:
                return
            self._start_item("ul")
        elif not self.in_list_paragraph and self.list_kind and visible:
            self._close_list()
        self.out.append(text)

    def handle_data(self, data):
        self._text(data)

    def handle_entityref(self, name):
        self._text(f"&{name};")

    def handle_charref(self, name):
        self._text(f"&#{name};")

    def handle_comment(self, data):
        pass  # includes Word's <!--[if …]>…<![endif]--> blocks

    def unknown_decl(self, data):
        pass  # <![if !supportLists]> and <![endif]>

    def handle_decl(self, decl):
        pass

    def handle_pi(self, data):
        pass

    def result(self):
        self.close()
        self._close_list()
        while self.stack:
            self.out.append(self.stack.pop())
        return "".join(self.out)


_CONDITIONAL = re.compile(r"<!--\[if.*?<!\[endif\]-->", re.S | re.I)
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_LIBRARY_ID = re.compile(r'\bdata-image-id="(\d+)"')
_EDGE_BREAKS = re.compile(r"^(?:\s*<br>)+|(?:<br>\s*)+$")
_BLOCK_CLOSE = re.compile(r"(</(?:p|h2|h3|h4|li|ul|ol|blockquote)>)\n*")
_EMPTY_BLOCK = re.compile(r"<(p|h2|h3|h4|li|blockquote|strong|em)>(?:\s|&nbsp;|\u00a0|<br>)*</\1>")


def clean_rich_html(value):
    """Whatever arrived (editor, paste, a hostile POST) -> the stored, allow-listed HTML."""
    if not value:
        return ""
    value = _CONDITIONAL.sub("", str(value))
    fixer = _ClipboardFixer()
    try:
        fixer.feed(value)
        value = fixer.result()
    except (AssertionError, ValueError):
        pass  # markup the office fixes cannot read (e.g. "<![>"): the allow-list alone cleans it
    html = _cleaner.clean(value)
    # Images only from our library: anything else (outside addresses, pasted files) is dropped.
    html = _IMG_TAG.sub(lambda m: m.group(0) if _LIBRARY_ID.search(m.group(0)) else "", html)
    previous = None
    while previous != html:  # "<p><strong></strong></p>" needs two rounds
        previous, html = html, _EMPTY_BLOCK.sub("", html)
    # One block a line: version diffs (which compare lines) then show the paragraph that changed.
    html = _EDGE_BREAKS.sub("", html)  # Google Docs ends a copy with a stray <br>
    return _BLOCK_CLOSE.sub(r"\1\n", html).strip()


def render_rich_html(stored_html, images):
    """The stored HTML -> what patients get: links get rel, library images become <picture>.

    ``images`` maps image ids to Image objects, or is a callable that takes the set of ids the
    text uses and returns that mapping (the models pass ``Image.objects.in_bulk``); an image no
    longer in the library is left out (the editorial checks say so).
    """
    html = _public_cleaner.clean(stored_html or "")
    ids = {int(n) for n in _LIBRARY_ID.findall(html)}
    if not ids:
        return html.strip()
    if callable(images):
        images = images(ids)

    def picture(match):
        found = _LIBRARY_ID.search(match.group(0))
        image = images.get(int(found.group(1))) if found else None
        return image.picture_html() if image else ""

    html = _IMG_TAG.sub(picture, html)
    # A <picture> (a <figure>) may not sit inside a <p>: the editor keeps images as blocks, but
    # an image inline in a paragraph from an old paste is moved out after its paragraph's text.
    html = re.sub(
        r"<p>((?:(?!</p>).)*?)(<figure\b.*?</figure>)((?:(?!</p>).)*?)</p>", _lift_figure, html, flags=re.S
    )
    return html.strip()


def _lift_figure(match):
    before, figure, after = match.groups()
    parts = [f"<p>{before}</p>" if before.strip() else "", figure, f"<p>{after}</p>" if after.strip() else ""]
    return "".join(parts)


def image_ids(stored_html):
    """The library images an item's stored HTML uses."""
    return {int(n) for n in _LIBRARY_ID.findall(stored_html or "")}


_TAG = re.compile(r"<[^>]+>")
_INLINE_TAG = re.compile(r"</?(strong|em|a|b|i|span|small)\b[^>]*>")  # no space: "<em>x</em>," stays "x,"
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|tr|blockquote|pre|figcaption)>|<br\s*/?>")


def html_to_text(html):
    """Plain text from our own sanitised HTML (for word counts, snippets and search)."""
    text = _INLINE_TAG.sub("", _BLOCK_END.sub("\n", html or ""))
    return html_lib.unescape(_TAG.sub(" ", text))


# Key points: one short point per line in the database; a bulleted list in the editor.


def lines_to_list_html(text):
    points = [line.strip(" -*•\t") for line in (text or "").splitlines() if line.strip(" -*•\t")]
    if not points:
        return ""
    return "<ul>" + "".join(f"<li><p>{html_lib.escape(p, quote=False)}</p></li>" for p in points) + "</ul>"


_LI = re.compile(r"<li>(.*?)</li>", re.S)


def list_html_to_lines(html):
    """The editor's list (or paragraphs, if staff typed no list) -> one plain point per line."""
    cleaned = clean_rich_html(html)
    items = _LI.findall(cleaned) or re.split(r"</p>|<br>", cleaned)
    points = (" ".join(html_to_text(item).split()) for item in items)
    return "\n".join(point for point in points if point)
