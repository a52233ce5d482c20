// Under `npm start`, shows the archive's content errors over the page, as Vite's and Hugo's dev
// servers do. The dev server sends them as `eleventy.error` over its live-reload websocket (its
// own client only logs them); a fix reloads the page, which then finds no problems.
/* global document, location, fetch, WebSocket, HTMLElement, CSSStyleSheet, customElements */

const STATE = "/.11ty/error-overlay.json";

const STYLE = `
:host { position: fixed; inset: 0; z-index: 2147483647; background: rgb(0 0 0 / 0.6);
  display: flex; align-items: flex-start; justify-content: center; overflow: auto;
  font: 15px/1.5 system-ui, sans-serif; }
section { margin: 6vh 1rem; max-width: 60rem; width: 100%; background: #1b1b1f; color: #eee;
  border-top: 6px solid #e5484d; border-radius: 6px; padding: 1.25rem 1.5rem;
  box-shadow: 0 1rem 3rem rgb(0 0 0 / 0.5); }
h2 { margin: 0 0 1rem; font-size: 1.15rem; color: #ff8589; }
ol { margin: 0; padding-left: 1.25rem; }
li { margin-bottom: 1rem; }
.where { font-family: ui-monospace, monospace; color: #9ad2ff; }
pre { margin: 0.4rem 0 0; padding: 0.5rem 0.75rem; background: #111; border-radius: 4px;
  white-space: pre-wrap; overflow-wrap: anywhere; font: 13px/1.4 ui-monospace, monospace; }
p.hint { margin: 1rem 0 0; color: #aaa; font-size: 0.9rem; }
button { float: right; background: none; color: #aaa; border: 0; font-size: 1.4rem; cursor: pointer; }
`;

class ErrorOverlay extends HTMLElement {
  /** Builds the overlay from text nodes only: the messages quote untrusted content. */
  show(state) {
    const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    root.replaceChildren();
    const element = (tag, text, className) => {
      const node = document.createElement(tag);
      if (text !== undefined) node.textContent = text;
      if (className) node.className = className;
      return node;
    };
    // A constructed style sheet, not a <style> element: the page's policy (style-src 'self')
    // blocks inline styles.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    root.adoptedStyleSheets = [sheet];
    const section = element("section");
    section.setAttribute("role", "alertdialog");
    section.setAttribute("aria-labelledby", "title");
    const close = element("button", "×");
    close.setAttribute("aria-label", "Hide until the next change");
    close.addEventListener("click", () => this.remove());
    const count = state.problems.length;
    const title = element(
      "h2",
      count === 1 ? "The archive has 1 problem" : `The archive has ${count} problems`,
    );
    title.id = "title";
    const list = element("ol");
    for (const problem of state.problems) {
      const item = element("li");
      if (problem.file) {
        const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
        item.append(element("span", where, "where"), " ");
      }
      if (problem.field) item.append(element("strong", `${problem.field}:`), " ");
      item.append(element("span", problem.message, "message"));
      if (problem.excerpt !== undefined) {
        item.append(element("pre", `${problem.line} | ${problem.excerpt}`, "excerpt"));
      }
      list.append(item);
    }
    const hint = element(
      "p",
      "Fix the file and save it: the page reloads by itself. Behind this is the last version that built.",
      "hint",
    );
    section.append(close, title, list, hint);
    root.append(section);
  }
}
customElements.define("news-archive-error-overlay", ErrorOverlay);

function show(state) {
  document.querySelector("news-archive-error-overlay")?.remove();
  if (!state?.problems?.length) return;
  const overlay = document.createElement("news-archive-error-overlay");
  overlay.show(state);
  document.documentElement.append(overlay);
}

fetch(STATE, { cache: "no-store" })
  .then((response) => response.json())
  .then(show)
  .catch(() => {});

const socket = new WebSocket(location.origin.replace(/^http/, "ws"));
socket.addEventListener("message", (event) => {
  const data = JSON.parse(event.data);
  if (data.type === "eleventy.error") show(JSON.parse(data.error));
});
