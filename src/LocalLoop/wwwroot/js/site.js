// Progressive enhancement only: every page works without this script.
// Forms marked data-busy show a spinner on their submit button while the server works.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-busy")) return;
  const button = event.submitter || form.querySelector("button[type=submit]");
  if (button) {
    button.setAttribute("aria-busy", "true");
    // Disable after the submit has been dispatched so the button's value is still sent.
    setTimeout(() => { button.disabled = true; }, 0);
  }
});
