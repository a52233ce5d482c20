// Every article uses the layout; tags come from each file's front matter, as in a typical blog.
export default { layout: "layout.njk" };
