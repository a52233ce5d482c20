// The reference build for `npm run bench`: an idiomatic minimal Eleventy site over the same
// articles (Markdown templates, tag collections, one page per tag, a Nunjucks layout).
export default function () {
  return {
    markdownTemplateEngine: false,
    dir: { input: ".", includes: "_includes", output: "_site" },
  };
}
