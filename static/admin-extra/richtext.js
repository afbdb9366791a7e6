// The admin's rich-text editor (django-prose-editor's ProseMirror/Tiptap bundle), set up for our
// strict CSP: the bundle is imported by address (no inline import map) and Tiptap's injected
// <style> element is turned off. The server cleans whatever this sends
// (education/text/richtext.py); this file only makes writing easy.
import {
  Blockquote, Bold, BulletList, Document, Dropcursor, Editor, Extension, Gapcursor, HardBreak, Heading,
  History, Italic, Link, ListItem, Menu, Node, OrderedList, Paragraph, Text, crel,
} from "../django_prose_editor/editor.js"

const json = async (url) => {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
  if (!response.ok) throw new Error(`${url}: ${response.status}`)
  return response.json()
}

// A small modal dialog: a native <dialog> (focus is trapped and Escape closes it).
function openDialog(title, build) {
  return new Promise((resolve) => {
    const heading = crel("h2", { className: "richtext-dialog__title", textContent: title })
    const body = crel("div", { className: "richtext-dialog__body" })
    const cancel = crel("button", { type: "button", className: "button", textContent: "Cancel" })
    const dialog = crel("dialog", { className: "richtext-dialog" }, [
      heading, body, crel("div", { className: "richtext-dialog__buttons" }, [cancel]),
    ])
    heading.id = `richtext-dialog-${Math.random().toString(36).slice(2)}`
    dialog.setAttribute("aria-labelledby", heading.id)
    let result = null
    const done = (value) => { result = value; dialog.close() }
    cancel.addEventListener("click", () => done(null))
    dialog.addEventListener("close", () => { dialog.remove(); resolve(result) })
    document.body.append(dialog)
    build(body, done)
    dialog.showModal()
  })
}

// Internal links: the stored address names the item (/go/article/12/), never its slug.
function chooseLinkTarget(url) {
  return openDialog("Link to one of our pages", (body, done) => {
    const label = crel("label", { htmlFor: "richtext-link-search", textContent: "Find a page by its title" })
    const search = crel("input", { id: "richtext-link-search", type: "search", className: "vTextField" })
    const list = crel("ul", { className: "richtext-choices" })
    body.append(label, search, list)
    let targets = []
    const show = () => {
      const words = search.value.toLowerCase().split(/\s+/).filter(Boolean)
      list.replaceChildren(...targets
        .filter((t) => words.every((w) => t.title.toLowerCase().includes(w)))
        .slice(0, 50)
        .map((t) => {
          const button = crel("button", { type: "button", className: "richtext-choice" }, [
            crel("span", { className: "richtext-choice__kind", textContent: t.kind }),
            ` ${t.title}`,
            t.live ? "" : crel("span", { className: "richtext-choice__note", textContent: " (not live yet)" }),
          ])
          button.addEventListener("click", () => done(t))
          return crel("li", {}, [button])
        }))
    }
    // The server sends the first matches for what is typed (a site may hold thousands of pages).
    let timer
    const load = () => json(`${url}?q=${encodeURIComponent(search.value)}`)
      .then((data) => { targets = data.targets; show() })
      .catch(() => list.replaceChildren(crel("li", { textContent: "The list of pages could not be loaded." })))
    search.addEventListener("input", () => { show(); clearTimeout(timer); timer = setTimeout(load, 200) })
    load()
  })
}

function chooseImage(url, addUrl) {
  return openDialog("Insert an image from the library", (body, done) => {
    const label = crel("label", { htmlFor: "richtext-image-search", textContent: "Search by alt text or caption" })
    const search = crel("input", { id: "richtext-image-search", type: "search", className: "vTextField" })
    const list = crel("ul", { className: "richtext-images" })
    const upload = crel("a", { href: addUrl, target: "_blank", rel: "noopener", textContent: "Upload a new image (opens a new tab; then search again here)" })
    body.append(label, search, crel("p", {}, [upload]), list)
    const load = () => json(`${url}?q=${encodeURIComponent(search.value)}`).then((data) => {
      list.replaceChildren(...(data.images.length ? data.images.map((image) => {
        const button = crel("button", { type: "button", className: "richtext-image" }, [
          crel("img", { src: image.thumb, alt: "" }),
          crel("span", { textContent: image.alt || "(decorative)" }),
        ])
        button.addEventListener("click", () => done(image))
        return crel("li", {}, [button])
      }) : [crel("li", { textContent: "No image matches." })]))
    }).catch(() => list.replaceChildren(crel("li", { textContent: "The image library could not be loaded." })))
    let timer
    search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(load, 250) })
    load()
  })
}

// A library image: stored as <img data-image-id="…">; the server renders the <picture>.
const LibraryImage = Node.create({
  name: "libraryImage",
  group: "block",
  atom: true,
  draggable: true,
  addOptions: () => ({ imagesUrl: "", imageAddUrl: "" }),
  addAttributes: () => ({
    id: { default: null, parseHTML: (el) => el.getAttribute("data-image-id"), renderHTML: (a) => ({ "data-image-id": a.id }) },
    src: { default: null },
    alt: { default: "" },
  }),
  parseHTML: () => [{ tag: "img[data-image-id]" }],
  renderHTML: ({ HTMLAttributes }) => ["img", HTMLAttributes],
  addMenuItems({ buttons, menu }) {
    const { imagesUrl, imageAddUrl } = this.options
    if (!imagesUrl) return
    menu.defineItem({
      name: "libraryImage",
      groups: "media",
      button: buttons.material("image", "Insert an image from the library"),
      command(editor) {
        chooseImage(imagesUrl, imageAddUrl).then((image) => {
          // The image, then an empty paragraph to go on writing in (typing must not replace it).
          if (image) editor.chain().focus().insertContent([
            { type: "libraryImage", attrs: { id: String(image.id), src: image.thumb, alt: image.alt } },
            { type: "paragraph" },
          ]).run()
        })
      },
    })
  },
})

const InternalLink = Extension.create({
  name: "internalLink", // a toolbar button only: the link itself is the Link mark
  addOptions: () => ({ url: "" }),
  addMenuItems({ buttons, menu }) {
    const { url } = this.options
    if (!url) return
    menu.defineItem({
      name: "internalLink",
      groups: "link",
      button: buttons.material("article", "Link to one of our pages"),
      command(editor) {
        chooseLinkTarget(url).then((target) => {
          if (!target) return
          const chain = editor.chain().focus()
          if (editor.state.selection.empty) {
            chain.insertContent({ type: "text", text: target.title, marks: [{ type: "link", attrs: { href: target.href } }] }).run()
          } else {
            chain.extendMarkRange("link").setLink({ href: target.href }).run()
          }
        })
      },
    })
  },
})

// Word and Google Docs on the clipboard: the same fixes the server makes, done before the
// editor's schema sees the paste (the schema would keep Word's list paragraphs as "· text").
function cleanPastedHTML(html) {
  // Parsing applies the page's CSP, which refuses inline styles: drop <style> blocks and keep
  // style attributes under another name (read below for Word's list markers, then gone).
  html = html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->|<!\[if [^\]]*\]>|<!\[endif\]>/gi, "")
    .replace(/<(style|script|xml|title)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/(<[a-z][^>]*?\s)style\s*=/gi, "$1data-style=")
  const doc = new DOMParser().parseFromString(html, "text/html")
  doc.querySelectorAll("style, script, xml, title, meta, link").forEach((el) => el.remove())
  doc.querySelectorAll('[data-style*="mso-list:Ignore" i], [data-style*="mso-list: Ignore" i], .MsoCommentReference, .msocomanchor, [data-style*="mso-element:comment" i]').forEach((el) => el.remove())
  doc.querySelectorAll("b[id^='docs-internal-guid'], b[data-style*='font-weight:normal']").forEach((el) => el.replaceWith(...el.childNodes))
  let list = null
  for (const p of [...doc.body.querySelectorAll("p")]) {
    const style = (p.getAttribute("data-style") || "").replace(/\s/g, "").toLowerCase()
    if (!style.includes("mso-list:") || style.includes("mso-list:none")) { list = null; continue }
    const kind = /^\s*(\d+|[a-z]|[ivx]+)[.)]/i.test(p.dataset.glyph || "") ? "ol" : (p.dataset.kind || "ul")
    if (!list || list.tagName.toLowerCase() !== kind || list.nextElementSibling !== p) {
      list = doc.createElement(kind)
      p.before(list)
    }
    const li = doc.createElement("li")
    li.append(...p.childNodes)
    list.append(li)
    p.remove()
  }
  for (const [from, to] of [["h1", "h2"], ["h5", "h4"], ["h6", "h4"]]) {
    doc.body.querySelectorAll(from).forEach((el) => { const h = doc.createElement(to); h.append(...el.childNodes); el.replaceWith(h) })
  }
  doc.querySelectorAll("[data-style]").forEach((el) => el.removeAttribute("data-style"))
  return doc.body.innerHTML
}

// Word writes a list's number ("1.") in the span removed above: note it first.
function markWordListKinds(html) {
  return html.replace(/(<p\b[^>]*mso-list:[^>]*)>((?:(?!<\/p>)[\s\S])*?mso-list:\s*Ignore[^>]*>\s*([^<\s]+))/gi,
    (all, open, rest, glyph) => `${open} data-glyph="${glyph.replace(/"/g, "")}">${rest}`)
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return
  const config = JSON.parse(textarea.dataset.richtext || "{}")
  const label = document.querySelector(`label[for="${textarea.id}"]`)
  const listOnly = config.features === "list"
  const extensions = listOnly
    ? [Document, Paragraph, Text, BulletList, ListItem, History, Menu.configure({ groups: [{ group: "lists" }, { group: "history" }] })]
    : [
        Document, Dropcursor, Gapcursor, Paragraph, Text, HardBreak, History,
        Heading.configure({ levels: config.headingLevels || [2, 3, 4] }),
        Bold, Italic, BulletList, OrderedList, ListItem, Blockquote,
        Link.configure({ enableTarget: false, protocols: ["http", "https", "mailto", "tel"] }),
        InternalLink.configure({ url: config.linkTargetsUrl }),
        LibraryImage.configure({ imagesUrl: config.imagesUrl, imageAddUrl: config.imageAddUrl }),
        Menu.configure({
          groups: [
            { group: "blockType -lists", type: "dropdown", minItems: 2 },
            { group: "lists" },
            { group: "nodes -blockType -lists -media" },
            { group: "marks" },
            { group: "link" },
            { group: "media" },
            { group: "history" },
          ],
        }),
      ]
  const wrapper = crel("div", { className: "prose-editor richtext" })
  textarea.before(wrapper)
  wrapper.append(textarea)
  const editor = new Editor({
    element: wrapper,
    extensions,
    content: textarea.value,
    injectCSS: false, // an injected <style> element breaks the CSP; editor.css has the rules
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label ? label.textContent.replace(/:\s*$/, "") : textarea.name,
        ...(textarea.getAttribute("aria-describedby") ? { "aria-describedby": textarea.getAttribute("aria-describedby") } : {}),
        // Required (the form marks it: the hidden textarea cannot carry `required` for the browser).
        ...(textarea.getAttribute("aria-required") ? { "aria-required": "true" } : {}),
      },
      transformPastedHTML: (html) => cleanPastedHTML(markWordListKinds(html)),
    },
    onUpdate({ editor }) {
      const html = editor.getHTML()
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html
      textarea.dispatchEvent(new Event("input", { bubbles: true }))
    },
  })
  if (label) label.addEventListener("click", () => editor.commands.focus())
  const toolbar = () => {
    const menubar = wrapper.querySelector(".prose-menubar")
    if (menubar) makeToolbar(menubar, label ? label.textContent.replace(/:\s*$/, "") : textarea.name)
  }
  if (editor.isInitialized) toolbar()
  else editor.on("create", toolbar)  // the menu bar is drawn once the editor is mounted
  textarea.richtextEditor = editor
  return editor
}

// The editor's buttons are one Tab stop, not eleven (the WAI-ARIA toolbar pattern): Tab moves
// from the toolbar into the text, and the arrow keys, Home and End move between the buttons.
function makeToolbar(menubar, name) {
  menubar.setAttribute("role", "toolbar")
  menubar.setAttribute("aria-label", `${name}: formatting`)
  let current = 0
  const buttons = () => [...menubar.querySelectorAll("button, [tabindex]")].filter(
    (el) => el.offsetParent !== null && !el.closest("[popover]") && !el.disabled,
  )
  const roving = () => {
    const list = buttons()
    current = Math.min(current, list.length - 1)
    list.forEach((el, i) => { if (el.tabIndex !== (i === current ? 0 : -1)) el.tabIndex = i === current ? 0 : -1 })
  }
  menubar.addEventListener("focusin", (event) => {
    const i = buttons().indexOf(event.target)
    if (i >= 0) { current = i; roving() }
  })
  menubar.addEventListener("keydown", (event) => {
    const list = buttons()
    const i = list.indexOf(document.activeElement)
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: list.length - 1 }[event.key]
    if (i < 0 || next === undefined) return
    event.preventDefault()
    current = (next + list.length) % list.length
    roving()
    list[current].focus()
  })
  new MutationObserver(roving).observe(menubar, { childList: true, subtree: true, attributeFilter: ["class"] })
  roving()
}

function init(root) {
  for (const textarea of root.querySelectorAll("textarea[data-richtext]")) {
    if (!textarea.id.includes("__prefix__")) createEditor(textarea)
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => init(document))
else init(document)
