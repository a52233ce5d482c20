// npm run serve [-- --port 8080 --dir _site]: serves a built site on 127.0.0.1.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startStaticServer } from "../src/serve/static-server.ts";
import { loadSite } from "../src/config/site.ts";
import { readHeadersFile } from "../src/serve/headers.ts";

const { values } = parseArgs({
  options: {
    dir: { type: "string", default: "_site" },
    port: { type: "string", default: process.env.PORT ?? "8080" },
    root: { type: "string", default: process.env.ARCHIVE_ROOT ?? "." },
  },
});

if (!existsSync(values.dir!)) {
  console.error(`✖ ${values.dir} does not exist: run \`npm run build\` first.`);
  process.exit(1);
}
const { pathPrefix } = loadSite(values.root!, process.env);
// The site's `_headers` apply as Netlify and Cloudflare Pages apply them, so a local check sees
// what production sends.
const headersFile = path.join(values.dir!, "_headers");
const { url } = await startStaticServer({
  dir: values.dir!,
  pathPrefix,
  headers: existsSync(headersFile) ? readHeadersFile(headersFile) : [],
  port: Number(values.port),
});
console.log(`Serving ${values.dir} at ${url} (Ctrl+C to stop)`);
