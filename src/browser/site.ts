// On every page: "/" focuses the search box, as on most search-driven sites; and the service worker
// that keeps the site working offline is registered.

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

// Offline: a service worker keeps the pages read and the search index once visited.
// Served over http(s) only; a page opened from the file system has nothing to register.
if ("serviceWorker" in navigator && window.location.protocol.startsWith("http")) {
  const base = document.documentElement.dataset.base ?? "/";
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {
      // A browser that refuses service workers (private mode, policy) still gets the online site.
    });
  });
}

export {};
