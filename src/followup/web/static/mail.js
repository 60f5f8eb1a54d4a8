// followup, Settings → Mail: choosing a provider fills in its servers and their security.
// Without it the form still works: servers left empty are the chosen provider's.
document.addEventListener("change", (event) => {
  const preset = event.target.closest("select[data-presets]");
  if (!preset) return;
  const chosen = preset.selectedOptions[0];
  if (!chosen || !chosen.dataset.smtp) return; // "Other": the user's own servers stay
  const fill = { "f-smtp": "smtp", "f-smtp_security": "smtpSecurity", "f-imap": "imap", "f-imap_security": "imapSecurity" };
  for (const [id, key] of Object.entries(fill)) {
    const field = document.getElementById(id);
    if (field) field.value = chosen.dataset[key];
  }
});
