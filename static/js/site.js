// Small behaviours of the public site; no inline scripts anywhere (Content-Security-Policy).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});

// Escape closes the menu opened on a phone and gives the focus back to its button.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") { return; }
  const menu = document.querySelector(".site-header .navbar-collapse.show");
  if (!menu || !window.bootstrap) { return; }
  window.bootstrap.Collapse.getOrCreateInstance(menu, { toggle: false }).hide();
  const toggler = document.querySelector(`[aria-controls="${menu.id}"]`);
  if (toggler) { toggler.focus(); }
});
