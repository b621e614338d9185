// JQL date values: relative ("-90d", "-2w", "-1w2d", "-4h", "30m"), absolute ("2024-05-01",
// "2024/05/01", optionally " 13:45"), and now()/startOfDay(). Dates are read in UTC.
import { JqlError } from './lexer.js';
import type { Value } from './ast.js';

export const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { w: 7 * DAY_MS, d: DAY_MS, h: 3_600_000, m: 60_000 };

/** Milliseconds of a relative date, or undefined when the text is not one. */
export function relativeOffset(text: string): number | undefined {
  const m = /^([+-]?)((?:\d+[wdhm])+)$/i.exec(text.replace(/\s+/g, ''));
  if (!m) return undefined;
  let ms = 0;
  for (const part of (m[2] as string).matchAll(/(\d+)([wdhm])/gi)) ms += Number(part[1]) * (UNIT_MS[(part[2] as string).toLowerCase()] ?? 0);
  return m[1] === '-' ? -ms : ms;
}

/**
 * The instant a JQL date names. `endOfDay` makes a bare yyyy-MM-dd mean the end of that day
 * (for upper bounds such as updatedBy's dateTo).
 */
export function parseJqlDate(value: Value | string, now: number, o: { endOfDay?: boolean; field?: string } = {}): number {
  if (typeof value !== 'string') {
    if (value.kind === 'func') {
      if (value.name === 'now') return now;
      if (value.name === 'startofday') return Math.floor(now / DAY_MS) * DAY_MS;
      if (value.name === 'endofday') return Math.floor(now / DAY_MS) * DAY_MS + DAY_MS - 1;
      throw new JqlError(`Error in the JQL Query: Unable to find JQL function '${value.name}()'.`);
    }
    if (value.kind !== 'literal') throw new JqlError(`Error in the JQL Query: Expecting a date value for field '${o.field ?? 'date'}'.`);
    return parseJqlDate(value.text, now, o);
  }
  const rel = relativeOffset(value);
  if (rel !== undefined) return now + rel;
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(value.trim());
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4] !== undefined) return Date.UTC(y, mo - 1, d, Number(m[4]), Number(m[5]));
    const start = Date.UTC(y, mo - 1, d);
    return o.endOfDay ? start + DAY_MS - 1 : start;
  }
  throw new JqlError(
    `Date value '${value}' for field '${o.field ?? 'date'}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}
