import type { VNode } from "preact";
import { pageOutput } from "../render/page-output.ts";

import type EleventyConfig from "@11ty/eleventy/UserConfig";

/**
 * Lets Eleventy render `.11ty.tsx` pages: they are JavaScript templates whose `render` returns
 * Preact elements, turned into HTML here.
 * @see https://www.11ty.dev/docs/languages/typescript/
 */
export function tsxTemplatesPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addExtension(["11ty.tsx"], {
    key: "11ty.js",
    compile() {
      return async function (
        this: { defaultRenderer(data: unknown): Promise<VNode | string> },
        data: unknown,
      ) {
        return pageOutput(await this.defaultRenderer(data));
      };
    },
  });
  eleventyConfig.addTemplateFormats("11ty.tsx");
}
