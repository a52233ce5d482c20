/**
 * What a static host accepts. A limit left out is one the host does not publish. Sizes are bytes:
 * "1 GB" in a host's documentation is taken as 10^9 (the smaller reading), "MiB" as 2^20.
 */
export interface HostLimits {
  /** For messages, e.g. "Cloudflare Pages (free plan)". */
  label: string;
  /** Files in the whole site. */
  maxFiles?: number;
  /** Total size of the site's files. */
  maxBytes?: number;
  /** Size of the largest file. */
  maxFileBytes?: number;
  /** Files directly inside any one folder. */
  maxFilesPerFolder?: number;
  /** Whether the host counts folders (and links) with the files towards `maxFiles`. */
  countsFolders?: boolean;
}

const MiB = 1024 * 1024;
const GB = 1_000_000_000;

/**
 * The hosts the README names, with their published limits (read 2026). A build over a limit of
 * the host named in `_data/site.json` fails before it replaces the previous site, since the host
 * would reject the upload or drop the site after it.
 *
 * - GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB."
 *   @see https://docs.github.com/en/pages/getting-started-with-github-pages/github-pages-limits
 *   Publishing from a branch goes through git, which blocks files over 100 MiB (Actions
 *   deployments are a tar artifact, also checked against 1 GB).
 *   @see https://docs.github.com/en/repositories/working-with-files/managing-large-files/about-large-files-on-github
 * - Cloudflare Pages: 20,000 files per site on the Free plan, 100,000 on paid plans (since
 *   2026-01-23, with `PAGES_WRANGLER_MAJOR_VERSION=4` set in the project), 25 MiB per file; no
 *   limit on the site's total size.
 *   @see https://developers.cloudflare.com/pages/platform/limits/#files
 *   @see https://developers.cloudflare.com/pages/platform/limits/#file-size
 *   @see https://developers.cloudflare.com/changelog/post/2026-01-23-pages-file-limit-increase/
 * - Netlify: no limit on the number of files per deploy, but at most 54,000 files in any one
 *   folder; no published limit on total or file size.
 *   @see https://docs.netlify.com/site-deploys/overview/#files-per-directory-limit
 * - GitLab Pages (GitLab.com): 1 GB per site (also the maximum artifact size), 200,000 file
 *   entries per site, folders and links included.
 *   @see https://docs.gitlab.com/user/gitlab_com/#gitlab-pages
 *   @see https://docs.gitlab.com/administration/instance_limits/#number-of-files-per-gitlab-pages-website
 */
export const HOSTS = {
  "github-pages": { label: "GitHub Pages", maxBytes: 1 * GB, maxFileBytes: 100 * MiB },
  "cloudflare-pages": {
    label: "Cloudflare Pages (free plan)",
    maxFiles: 20_000,
    maxFileBytes: 25 * MiB,
  },
  "cloudflare-pages-paid": {
    label: "Cloudflare Pages (paid plans)",
    maxFiles: 100_000,
    maxFileBytes: 25 * MiB,
  },
  netlify: { label: "Netlify", maxFilesPerFolder: 54_000 },
  "gitlab-pages": {
    label: "GitLab Pages (GitLab.com)",
    maxFiles: 200_000,
    maxBytes: 1 * GB,
    countsFolders: true,
  },
} as const satisfies Record<string, HostLimits>;

export type HostName = keyof typeof HOSTS;
export const HOST_NAMES = Object.keys(HOSTS) as [HostName, ...HostName[]];

export function isHostName(name: string): name is HostName {
  return Object.hasOwn(HOSTS, name);
}

/** `_data/site.json` `host`: a known host's name, or limits of one's own (a plan, a server). */
export type HostSetting =
  | HostName
  | {
      name?: string;
      maxFiles?: number;
      maxBytes?: number;
      maxFileBytes?: number;
      maxFilesPerFolder?: number;
    };

/** The limits a `host` setting stands for. */
export function resolveHost(setting: HostSetting): HostLimits {
  if (typeof setting === "string") return HOSTS[setting];
  const { name, ...limits } = setting;
  return { label: name ?? "custom limits", ...limits };
}
