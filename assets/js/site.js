// On every page: "/" focuses the search box, as on most search-driven sites.
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLElement && target.closest("input, textarea, select, [contenteditable]"))
    return;
  const box = document.querySelector("#search input, #site-search");
  if (box instanceof HTMLInputElement) {
    event.preventDefault();
    box.focus();
  }
});
