import { escapeHtml } from "./text.ts";

/** What an embed from a host shows, for the text before its link: "Video: https://…". */
const PROVIDERS: [RegExp, string][] = [
  [/(?:^|\.)(?:youtube\.com|youtu\.be|youtube-nocookie\.com)$/, "Video"],
  [
    /(?:^|\.)(?:vimeo\.com|dailymotion\.com|dai\.ly|ted\.com|wordpress\.tv|videopress\.com)$/,
    "Video",
  ],
  [/(?:^|\.)(?:tiktok\.com|twitch\.tv)$/, "Video"],
  [/(?:^|\.)(?:twitter\.com|x\.com)$/, "Post on X (Twitter)"],
  [/(?:^|\.)instagram\.com$/, "Instagram post"],
  [/(?:^|\.)facebook\.com$/, "Facebook post"],
  [/(?:^|\.)(?:soundcloud\.com|spotify\.com|mixcloud\.com)$/, "Audio"],
  [/(?:^|\.)(?:flickr\.com|flic\.kr|imgur\.com)$/, "Photo"],
  [/(?:^|\.)(?:slideshare\.net|speakerdeck\.com)$/, "Slides"],
];

/**
 * The address a reader can open for an embedded player: a YouTube or Vimeo player URL
 * (`/embed/ID`, `player.vimeo.com/video/ID`) becomes the video's own page. Undefined for
 * anything but an absolute http(s) URL.
 */
export function embedTarget(src: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(src.trim().replace(/^\/\//, "https://"));
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const host = url.hostname.replace(/^www\./, "");
  const youtube = /^\/(?:embed|v)\/([\w-]{6,})/.exec(url.pathname);
  if (youtube && /(?:^|\.)youtube(?:-nocookie)?\.com$/.test(host)) {
    return new URL(`https://www.youtube.com/watch?v=${youtube[1]}`);
  }
  const vimeo = /^\/video\/(\d+)/.exec(url.pathname);
  if (vimeo && host === "player.vimeo.com") return new URL(`https://vimeo.com/${vimeo[1]}`);
  return url;
}

/** "Video", "Audio", … for a known host; undefined for another. */
export function embedLabel(url: URL): string | undefined {
  const host = url.hostname.replace(/^www\./, "");
  return PROVIDERS.find(([pattern]) => pattern.test(host))?.[1];
}

/**
 * An embed as what the archive can show of it: a link to the page it came from, after what it is
 * when the host is known ("Video: https://www.youtube.com/watch?v=…"). An archive page does not
 * load other sites' players. Undefined when `src` is not a web address.
 */
export function embedHtml(src: string, block = true): string | undefined {
  const url = embedTarget(src);
  if (!url) return undefined;
  const label = embedLabel(url);
  const link = `${label ? `${label}: ` : ""}<a href="${escapeHtml(url.href)}">${escapeHtml(url.href)}</a>`;
  return block ? `<p>${link}</p>` : link;
}
