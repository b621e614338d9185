/**
 * Dates for people, in one format on every page, in the user's locale and time zone as Jira gives
 * them in the Forge context (`locale`, `timezone`). App.tsx calls `useUserDates` once with the
 * context; until then the browser's own locale and zone are used.
 *
 * Two kinds of value reach the UI: calendar dates (YYYY-MM-DD: a credential's expiry) are the same
 * day everywhere and are shown as written; instants (ISO times: last activity, a scan's end, a
 * note's save) are shown in the user's time zone.
 */

export interface DateSettings {
  /** BCP 47 tag; Jira sends e.g. "en_US", which is accepted too. */
  locale?: string | undefined;
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone?: string | undefined;
}

interface Formats {
  date: Intl.DateTimeFormat;
  calendar: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
  full: Intl.DateTimeFormat;
  relative: Intl.RelativeTimeFormat;
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function build({ locale, timeZone }: DateSettings): Formats {
  const loc = validLocale(locale);
  const zone = validZone(timeZone);
  const day = { year: 'numeric', month: 'short', day: 'numeric' } as const;
  return {
    date: new Intl.DateTimeFormat(loc, { ...day, timeZone: zone }),
    calendar: new Intl.DateTimeFormat(loc, { ...day, timeZone: 'UTC' }),
    dateTime: new Intl.DateTimeFormat(loc, { ...day, hour: '2-digit', minute: '2-digit', timeZone: zone }),
    full: new Intl.DateTimeFormat(loc, { dateStyle: 'full', timeStyle: 'long', timeZone: zone }),
    relative: new Intl.RelativeTimeFormat(loc, { numeric: 'auto' }),
  };
}

function validLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  const tag = locale.replace('_', '-');
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length ? tag : undefined;
  } catch {
    return undefined;
  }
}

function validZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

let formats = build({});

/** Sets the locale and time zone every formatter below uses (call once, from the page's context). */
export function setDateSettings(settings: DateSettings): void {
  formats = build(settings);
}

function parse(value: string): { time: number; calendar: boolean } | null {
  const calendar = CALENDAR_DATE.test(value);
  const time = Date.parse(calendar ? `${value}T00:00:00Z` : value);
  return Number.isNaN(time) ? null : { time, calendar };
}

/** "Mar 4, 2026": a calendar date as written, an instant as its day in the user's zone. */
export function formatDate(value: string | null | undefined, empty = '—'): string {
  if (!value) return empty;
  const p = parse(value);
  if (!p) return value;
  return (p.calendar ? formats.calendar : formats.date).format(p.time);
}

/** "Mar 4, 2026, 09:15 AM" in the user's zone (a calendar date shows its day only). */
export function formatDateTime(value: string | null | undefined, empty = '—'): string {
  if (!value) return empty;
  const p = parse(value);
  if (!p) return value;
  return p.calendar ? formats.calendar.format(p.time) : formats.dateTime.format(p.time);
}

/** The full form for a tooltip or title: "Wednesday, March 4, 2026 at 9:15:00 AM UTC". */
export function formatFull(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const p = parse(value);
  if (!p) return undefined;
  return p.calendar ? formats.calendar.format(p.time) : formats.full.format(p.time);
}

/** "today", "yesterday", "3 days ago" (in the user's language) up to 60 days, then the date. */
export function formatAgo(value: string | null | undefined, empty = 'never', now = Date.now()): string {
  if (!value) return empty;
  const p = parse(value);
  if (!p) return value;
  const days = Math.floor((now - p.time) / DAY_MS);
  if (days < 0) return formatDate(value);
  if (days < 60) return formats.relative.format(-days, 'day');
  return formatDate(value);
}
