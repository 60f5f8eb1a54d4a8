// followup: the little the pages need beyond HTMX. No inline script anywhere (CSP).
// Every page works without it; this adds focus, saving as you type, and small comforts.

function csrfToken() {
  const field = document.querySelector('input[name="csrf_token"]');
  return field ? field.value : "";
}

// The first problem of a form that came back: focused and in view, so a phone shows it.
function focusFirstProblem() {
  const invalid = document.querySelector('[aria-invalid="true"]');
  if (invalid) {
    invalid.focus({ preventScroll: true });
    invalid.scrollIntoView({ block: "center" });
  }
}

// -- the note: kept as you type (1 s after the last key), with a warning while unsaved ----
let pending = null; // the timer of a save not yet started
let saving = 0; // saves on their way
let unsaved = false;

function saveState(text) {
  const state = document.getElementById("save-state");
  if (state) state.textContent = text;
}

function keepNote(note) {
  const form = document.getElementById("note-form");
  if (!form) return;
  const body = new FormData(form);
  body.set("text", note.value);
  saving += 1;
  fetch(note.dataset.autosave, {
    method: "POST",
    body: body,
    headers: { Accept: "application/json", "X-CSRF-Token": csrfToken() },
    credentials: "same-origin",
  })
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      if (!pending) {
        unsaved = false;
        saveState("Kept at " + new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ".");
      }
    })
    .catch(() => saveState("Not kept: the server did not answer. Keep this page open and try again."))
    .finally(() => { saving -= 1; });
}

document.addEventListener("input", (event) => {
  const note = event.target.closest("textarea[data-autosave]");
  if (note) {
    unsaved = true;
    saveState("Keeping your note…");
    clearTimeout(pending);
    pending = setTimeout(() => { pending = null; keepNote(note); }, 1000);
  }
  const name = event.target.closest("[data-person-name]");
  if (name) {
    const label = document.querySelector('[data-primary-of="' + name.dataset.personName + '"]');
    if (label) label.textContent = name.value.trim() || "Person " + (Number(name.dataset.personName) + 1);
  }
});

window.addEventListener("beforeunload", (event) => {
  if (unsaved || saving > 0) {
    event.preventDefault();
    event.returnValue = "Your note is not kept yet.";  // any text: browsers show their own
  }
});

document.addEventListener("submit", (event) => {
  if (event.target.id === "note-form") {
    clearTimeout(pending); // the form carries the note itself
    pending = null;
    unsaved = false;
  }
});

// -- after HTMX swaps: the findings summary read out, the caret back in the note ---------
document.addEventListener("htmx:afterSwap", (event) => {
  const findings = document.getElementById("findings");
  const summary = document.getElementById("findings-summary");
  if (findings && summary && event.detail.target.id === "findings") {
    summary.textContent = findings.dataset.summary;
  }
  if (event.detail.target.id === "editor" || event.detail.elt.id === "editor") {
    const note = document.getElementById("note");
    if (note) {
      const at = note.dataset.caret ? Number(note.dataset.caret) : note.value.length;
      note.focus();
      note.setSelectionRange(at, at);
    }
  }
});

document.addEventListener("click", (event) => {
  const copy = event.target.closest("[data-copy]");
  if (copy) {
    const field = document.getElementById(copy.dataset.copy);
    navigator.clipboard.writeText(field.value).then(() => {
      copy.textContent = "Copied";
      setTimeout(() => { copy.textContent = "Copy"; }, 1500);
    });
  }
  if (event.target.closest("[data-print]")) window.print();
  const add = event.target.closest("#add-person");
  if (add && window.htmx) {
    const n = Number(add.dataset.nextRow || "0");
    add.dataset.nextRow = String(n + 1);
    htmx.ajax("GET", "/people-row?n=" + n, { target: "#people", swap: "beforeend" }).then(() => {
      const input = document.getElementById("f-person-" + n + "-name");
      if (input) input.focus();
    });
  }
});

document.addEventListener("DOMContentLoaded", focusFirstProblem);
