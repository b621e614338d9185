import type { HistoryChange } from '../contract';

/** Values as a person reads them in the history: text, lists joined, absent as null. */
function display(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String).join(', ');
  return String(value);
}

/** The fields that differ between two records, with before and after (pure). */
export function diffFields<T extends object>(before: T | null, after: T | null, fields: ReadonlyArray<keyof T & string>): HistoryChange[] {
  const changes: HistoryChange[] = [];
  for (const field of fields) {
    const b = display(before ? before[field] : null);
    const a = display(after ? after[field] : null);
    if (b !== a) changes.push({ field, before: b, after: a });
  }
  return changes;
}
