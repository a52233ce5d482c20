/**
 * The one place where HTML is passed through unescaped: article bodies rendered from the archive's
 * own Markdown. Everything else goes through Preact's escaping.
 */
export function RawHtml({ html, className }: { html: string; className?: string }) {
  return <div class={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
