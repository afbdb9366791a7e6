// Unsaved changes: leaving a change form that was edited asks first (the browser's own "Leave site?"
// dialog). Submitting that form (Save, Save and submit) does not ask; any other way off the page
// does, including another form's button, which acts on the saved version only.
(() => {
  const form = document.querySelector('#content-main form[id$="_form"][method="post" i]')
  if (!form) return
  // A form sent back with errors holds text that is not saved yet.
  let dirty = document.querySelector("#content-main .errornote") !== null
  let submitting = false
  const edited = (event) => {
    if (event.target.form === form || form.contains(event.target)) dirty = true
  }
  document.addEventListener("input", edited)
  document.addEventListener("change", edited)
  form.addEventListener("submit", () => { submitting = true })
  window.addEventListener("beforeunload", (event) => {
    if (dirty && !submitting) {
      event.preventDefault()
      event.returnValue = "" // older Chromium needs it set to show the dialog
    }
  })
})()
