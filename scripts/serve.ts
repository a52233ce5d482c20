// npm run serve [-- --port 8080 --dir _site]: serves a built site on 127.0.0.1.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { startStaticServer } from "../src/serve/static-server.ts";
import { loadSite } from "../src/config/site.ts";

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
const { pathPrefix } = loadSite(values.root!);
const { url } = await startStaticServer({
  dir: values.dir!,
  pathPrefix,
  port: Number(values.port),
});
console.log(`Serving ${values.dir} at ${url} (Ctrl+C to stop)`);
