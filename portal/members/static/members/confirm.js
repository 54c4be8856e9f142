// Asks before submitting a form that has a data-confirm attribute, showing that attribute's text.
// Without JavaScript the form submits at once, as an ordinary form does.
document.addEventListener("submit", function (event) {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
  if (!window.confirm(form.dataset.confirm)) event.preventDefault();
});
