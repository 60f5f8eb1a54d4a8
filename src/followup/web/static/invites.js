// followup: the invitation drop zone. The picker works without this file; it adds dropping a
// file on the zone (imported at once: a drop is a deliberate act), and refusing an oversized
// file beside the picker before it is sent. A file chosen with the picker waits for the
// Import button, so a wrong pick costs nothing.

function refuseBeside(zone, message) {
  const input = zone.querySelector('input[type="file"]');
  let error = zone.querySelector(".error");
  if (!error) {
    error = document.createElement("p");
    error.className = "error";
    error.id = "e-invite";
    error.setAttribute("role", "alert");
    input.closest(".buttons").before(error);
  }
  error.textContent = message;
  zone.classList.add("invalid");
  input.setAttribute("aria-invalid", "true");
  input.setAttribute("aria-describedby", "e-invite h-invite");
  input.value = "";
  input.focus();
}

function tooLarge(zone) {
  const input = zone.querySelector('input[type="file"]');
  const file = input.files[0];
  const limit = Number(zone.dataset.maxBytes || "0");
  if (!file || !limit || file.size <= limit) return false;
  const megabytes = (file.size / 1048576).toFixed(1);
  refuseBeside(zone, file.name + ": too large (" + megabytes + " MB); an invitation or calendar export is at most " + Math.floor(limit / 1048576) + " MB");
  return true;
}

function importFile(zone) {
  const input = zone.querySelector('input[type="file"]');
  if (!input.files[0] || tooLarge(zone)) return;
  zone.classList.add("busy");
  zone.requestSubmit();
}

function setUpDropZone(zone) {
  if (zone.dataset.ready) return;
  zone.dataset.ready = "1";
  const input = zone.querySelector('input[type="file"]');
  input.addEventListener("change", () => tooLarge(zone));
  zone.addEventListener("submit", (event) => {
    if (tooLarge(zone)) event.preventDefault();
    else zone.classList.add("busy");
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    const files = event.dataTransfer && event.dataTransfer.files;
    if (!files || !files.length) return;
    input.files = files;
    importFile(zone);
  });
}

document.querySelectorAll("[data-dropzone]").forEach(setUpDropZone);
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-dropzone]").forEach(setUpDropZone);
});
