// followup: the invitation drop zone. The picker works without this file; it adds dropping a
// file on the zone, importing as soon as a file is chosen, and refusing an oversized file
// beside the picker before it is sent.

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

function importFile(zone) {
  const input = zone.querySelector('input[type="file"]');
  const file = input.files[0];
  if (!file) return;
  const limit = Number(zone.dataset.maxBytes || "0");
  if (limit && file.size > limit) {
    const megabytes = (file.size / 1048576).toFixed(1);
    refuseBeside(zone, file.name + ": too large (" + megabytes + " MB); an invitation or calendar export is at most " + Math.floor(limit / 1048576) + " MB");
    return;
  }
  zone.classList.add("busy");
  zone.requestSubmit();
}

function setUpDropZone(zone) {
  if (zone.dataset.ready) return;
  zone.dataset.ready = "1";
  const input = zone.querySelector('input[type="file"]');
  input.addEventListener("change", () => importFile(zone));
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
