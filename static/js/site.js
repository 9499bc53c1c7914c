// Small behaviours of the public site; no inline scripts anywhere (Content-Security-Policy).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
