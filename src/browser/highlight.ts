// On an article opened from search (?highlight=…), marks the searched words with Pagefind's
// highlighter. @see https://pagefind.app/docs/highlighting/
import type { PagefindHighlightModule } from "./pagefind.d.ts";

function highlight(): void {
  if (!new URLSearchParams(window.location.search).has("highlight")) return;
  // Modules do not load from file://; a page opened from disk goes without highlighting.
  if (window.location.protocol === "file:") return;
  const bundle = document.documentElement.dataset.pagefindBundle;
  if (!bundle) return;
  void (import(`${bundle}pagefind-highlight.js`) as Promise<PagefindHighlightModule>).then(
    ({ default: PagefindHighlight }) => {
      // The site's CSS styles <mark>; Pagefind's own styles would be an inline <style>, which the
      // page's policy (style-src 'self') blocks.
      new PagefindHighlight({
        highlightParam: "highlight",
        markContext: "[data-pagefind-body]",
        addStyles: false,
      });
    },
  );
}

highlight();
