// followup: the little the pages need beyond HTMX. No inline script anywhere (CSP).
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
