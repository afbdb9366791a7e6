// A live count under every admin text box with a length limit (input[data-maxlength], set by
// education/editorial/forms.py in place of the browser's maxlength, which cuts pasted text without a
// word). Over the limit the count says by how much, once aloud; the server refuses with a message.
"use strict"

function addCounter(input, announcer) {
  const limit = Number(input.dataset.maxlength)
  const counter = document.createElement("p")
  counter.className = "char-count"
  counter.id = `${input.id}_count`
  input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), counter.id].filter(Boolean).join(" "))
  input.after(counter)
  let wasOver = false
  const label = (document.querySelector(`label[for="${input.id}"]`)?.textContent || input.name).replace(/:\s*$/, "")
  function update() {
    const length = input.value.length
    const over = length > limit
    counter.textContent = over
      ? `${length} of ${limit} characters: ${length - limit} too many`
      : `${length} of ${limit} characters`
    counter.classList.toggle("char-count-over", over)
    if (over !== wasOver) {
      announcer.textContent = over ? `${label} is over the ${limit}-character limit.` : `${label} is within the limit.`
      wasOver = over
    }
  }
  input.addEventListener("input", update)
  update()
}

function addCounters() {
  const inputs = document.querySelectorAll("input[data-maxlength]")
  if (!inputs.length) return
  const announcer = document.createElement("p")
  announcer.className = "visually-hidden"
  announcer.setAttribute("aria-live", "polite")
  document.body.append(announcer)
  for (const input of inputs) addCounter(input, announcer)
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addCounters)
else addCounters()
