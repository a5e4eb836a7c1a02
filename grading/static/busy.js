// Red School: a long action says it is working. A form with a data-busy text disables its
// button and shows that text while the next page is on its way (no inline script needed).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var text = form.getAttribute && form.getAttribute("data-busy");
  if (!text) return;
  var button = form.querySelector("button[type=submit]");
  if (button) {
    button.disabled = true;
    button.textContent = text;
  }
  form.setAttribute("aria-busy", "true");
});
