// The parts of Eleventy 3's API this project uses; Eleventy ships no type declarations.
// @see https://www.11ty.dev/docs/config/
declare module "@11ty/eleventy/UserConfig" {
  export default interface UserConfig {
    addGlobalData(name: string, data: unknown): this;
    addExtension(extensions: string[], options: Record<string, unknown>): void;
    addTemplateFormats(formats: string): void;
    addPassthroughCopy(copies: string | Record<string, string>): this;
    addWatchTarget(target: string): void;
    addTransform(
      name: string,
      transform: (this: never, content: string) => string | Promise<string>,
    ): void;
    addPlugin<O>(plugin: (config: UserConfig, options: O) => void, options?: O): void;
    setServerOptions(options: Record<string, unknown>): void;
    on(event: string, callback: (...args: never[]) => unknown): void;
    /** "sequential" runs event handlers one after another, in registration order. */
    setEventEmitterMode(mode: "parallel" | "sequential"): void;
    /** Globs of input files Eleventy leaves alone. */
    ignores: Set<string>;
  }
}

declare module "@11ty/eleventy" {
  import type UserConfig from "@11ty/eleventy/UserConfig";
  export class Eleventy {
    constructor(
      input?: string,
      output?: string,
      options?: {
        /** A configuration file, or false for none (`config` alone configures the run). */
        configPath?: string | false;
        pathPrefix?: string;
        quietMode?: boolean;
        runMode?: "build" | "watch" | "serve";
        /** Runs before the configuration file; what it returns is ignored. */
        config?: (config: UserConfig) => unknown;
      },
    );
    write(): Promise<unknown[]>;
    toJSON(): Promise<
      Array<{ url: string; inputPath: string; outputPath: string; content: string }>
    >;
  }
}

declare module "@11ty/eleventy-dev-server" {
  /** @see https://www.11ty.dev/docs/dev-server/ */
  export default class EleventyDevServer {
    static getServer(
      name: string,
      dir: string,
      options?: Record<string, unknown>,
    ): EleventyDevServer;
    serve(port: number): Promise<void>;
    /** Resolves once the server listens. */
    ready(): Promise<void>;
    reload(event?: { files?: string[]; subtype?: string }): void;
    close(): Promise<void>;
    /** Internal: how the server starts listening; replaced to bind to loopback only. */
    _serverListen(port: number): void;
  }
}
