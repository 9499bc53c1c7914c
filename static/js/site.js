// Small behaviours of the public site; no inline scripts anywhere (Content-Security-Policy).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});

// Escape closes the menu opened on a phone and gives the focus back to its button, also
// while the menu is still sliding open (Bootstrap ignores hide() until it has opened, so the
// menu closes as soon as it has).
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") { return; }
  const menu = document.querySelector(
    ".site-header .navbar-collapse.show, .site-header .navbar-collapse.collapsing");
  if (!menu || !window.bootstrap) { return; }
  const toggler = document.querySelector(`[aria-controls="${menu.id}"]`);
  const collapse = window.bootstrap.Collapse.getOrCreateInstance(menu, { toggle: false });
  if (menu.classList.contains("collapsing")) {
    // Sliding: opening when its button says expanded, else already closing.
    if (toggler && toggler.getAttribute("aria-expanded") === "true") {
      menu.addEventListener("shown.bs.collapse", () => collapse.hide(), { once: true });
    }
  } else {
    collapse.hide();
  }
  if (toggler) { toggler.focus(); }
});
