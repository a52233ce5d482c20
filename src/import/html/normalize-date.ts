import { DateTime } from "luxon";
import { monthNumber } from "../month-names.ts";

/** Zone abbreviations that name one offset; ambiguous ones (IST, CST in China) are not read. */
const ZONE_OFFSETS: Record<string, string> = {
  UTC: "Z",
  GMT: "Z",
  Z: "Z",
  EST: "-05:00",
  EDT: "-04:00",
  CDT: "-05:00",
  MST: "-07:00",
  MDT: "-06:00",
  PST: "-08:00",
  PDT: "-07:00",
  BST: "+01:00",
  CET: "+01:00",
  CEST: "+02:00",
};

/** A date that stands for none: year 1 or the Unix epoch, which a CMS writes for "unset". */
function isPlaceholder(iso: string): boolean {
  return (
    iso.startsWith("0") || /^1970-01-01(?:T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$/.test(iso)
  );
}

/** "+0100" → "+01:00", "Z"/"GMT" → "Z". */
function offsetOf(zone: string): string | undefined {
  const upper = zone.toUpperCase();
  if (ZONE_OFFSETS[upper]) return ZONE_OFFSETS[upper];
  const m = /^([+-]\d{2}):?(\d{2})?$/.exec(zone);
  return m ? `${m[1]}:${m[2] ?? "00"}` : undefined;
}

/** "November 19, 2019, 07:47 PM EST" (as some CMSs fill `article:published_time`). */
function englishDate(value: string): string | undefined {
  const m =
    /^(?:[a-z]+,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])\.?m\.?)?(?:\s*([a-z]{1,4}))?$/i.exec(
      value,
    );
  const month = m ? monthNumber(m[1]!) : 0;
  if (!m || month === 0) return undefined;
  const day = `${m[3]}-${String(month).padStart(2, "0")}-${m[2]!.padStart(2, "0")}`;
  const offset = m[8] ? offsetOf(m[8]) : undefined;
  if (m[4] === undefined || !offset) return validDay(day);
  let hour = Number(m[4]) % 12;
  if (m[7]?.toLowerCase() === "p") hour += 12;
  if (!m[7]) hour = Number(m[4]);
  const iso = `${day}T${String(hour).padStart(2, "0")}:${m[5]}:${m[6] ?? "00"}${offset}`;
  return DateTime.fromISO(iso, { setZone: true }).isValid ? iso : undefined;
}

/**
 * A date as the import writes it, or undefined for one that cannot be read without guessing:
 * `YYYY-MM-DD` as is; an ISO 8601 date-time with offset as is (a space before the time becomes
 * `T`, `+0100` becomes `+01:00`, a trailing `GMT` becomes `Z`); an RFC 2822 date-time (`Tue, 5 Mar
 * 2024 10:00:00 GMT`) or an English one with a US or European zone ("November 19, 2019, 07:47 PM
 * EST") as ISO with its offset. A date-time without an offset gives its day only: its clock time
 * is in a time zone the page does not name. Year 1 and the Unix epoch are placeholders, not dates.
 */
export function normalizeDate(text: string): string | undefined {
  const value = text.trim();
  const date = readDate(value);
  return date && !isPlaceholder(date) ? date : undefined;
}

function readDate(value: string): string | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) ?? /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(value);
  if (day) return validDay(`${day[1]}-${day[2]}-${day[3]}`);
  const m =
    /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?|GMT|UTC)?$/i.exec(
      value,
    );
  if (m) {
    const [, date, time, zone] = m;
    const offset = zone ? offsetOf(zone) : undefined;
    if (!offset) return validDay(date!);
    const iso = `${date}T${time!.replace(",", ".")}${offset}`;
    return DateTime.fromISO(iso, { setZone: true }).isValid ? iso : undefined;
  }
  const rfc = DateTime.fromRFC2822(value.replace(/\bUTC\b/, "GMT"), { setZone: true });
  if (rfc.isValid) return rfc.toISO({ suppressMilliseconds: true }) ?? undefined;
  const http = DateTime.fromHTTP(value, { setZone: true });
  if (http.isValid) return http.toISO({ suppressMilliseconds: true }) ?? undefined;
  return englishDate(value);
}

function validDay(day: string): string | undefined {
  return DateTime.fromISO(day).isValid ? day : undefined;
}
