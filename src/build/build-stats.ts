import type { SiteStats } from "../eleventy/site-build.ts";

/**
 * What one build measured of itself, for `npm run bench` (`npm run build -- --stats file.json`):
 * what Eleventy's plugins measured (`SiteStats`: the bulk pages, the search index) and the wall
 * time of each step of `buildSite`.
 */
export interface BuildStats extends SiteStats {
  /**
   * Wall time of each step of `buildSite`, in ms, in order: `startup` is the time from the
   * process's start to the build's (loading the program), the others are the build's own steps.
   */
  phases?: Record<string, number>;
}

/** Records in `stats.phases` the time since the previous mark (or since the process started). */
export function phaseTimer(stats: BuildStats): (name: string) => void {
  const phases: Record<string, number> = {};
  stats.phases = phases;
  let last = 0;
  return (name) => {
    const now = performance.now();
    phases[name] = Math.round(now - last);
    last = now;
  };
}
