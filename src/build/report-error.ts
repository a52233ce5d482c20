import { ContentError, ContentErrors } from "../errors/content-errors.ts";
import { HostLimitError } from "../output/host-limits.ts";
import { BundleMatrixError } from "./bundle-matrix.ts";
import { BuildLockError } from "./build-lock.ts";

/**
 * Prints an error for a person at a terminal: content problems, a site too large for its host,
 * wrong search bundles and a build that could not wait for another as they are (they say what to
 * fix), others with their cause, and with their stack when asked (`DEBUG` set, read by the command).
 */
export function reportError(error: unknown, options: { stack?: boolean } = {}): void {
  if (
    error instanceof ContentErrors ||
    error instanceof ContentError ||
    error instanceof HostLimitError ||
    error instanceof BundleMatrixError ||
    error instanceof BuildLockError
  ) {
    console.error(`\n✖ ${error.message}\n`);
    return;
  }
  console.error("\n✖ The build failed:");
  let current: unknown = error;
  while (current) {
    const message = current instanceof Error ? current.message : String(current);
    console.error(`  ${message}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  if (error instanceof Error && options.stack) console.error(error.stack);
}
