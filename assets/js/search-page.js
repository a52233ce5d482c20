// The search page: Pagefind's UI, started with the query from the URL (?q=…).
window.addEventListener("DOMContentLoaded", () => {
  const element = document.querySelector("#search");
  if (!element || typeof window.PagefindUI !== "function") return;
  const ui = new window.PagefindUI({
    element: "#search",
    bundlePath: element.dataset.bundlePath,
    showSubResults: false,
    showImages: false,
    resetStyles: false,
  });
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
