import { afterEach, describe, expect, it } from 'vitest';
import { formatAgo, formatDate, formatDateTime, formatFull, setDateSettings } from '../../static/src/format/dates';

afterEach(() => setDateSettings({ locale: 'en-US', timeZone: 'UTC' }));

describe('shared date formatter', () => {
  it.each([
    // [locale, zone, value, formatDate, formatDateTime]
    ['en-US', 'UTC', '2026-03-04T23:30:00Z', 'Mar 4, 2026', 'Mar 4, 2026, 11:30 PM'],
    ['en-US', 'Europe/Berlin', '2026-03-04T23:30:00Z', 'Mar 5, 2026', 'Mar 5, 2026, 12:30 AM'],
    ['en-US', 'America/Los_Angeles', '2026-03-04T03:00:00Z', 'Mar 3, 2026', 'Mar 3, 2026, 07:00 PM'],
    ['de_DE', 'Europe/Berlin', '2026-03-04T10:00:00Z', '4. März 2026', '4. März 2026, 11:00'],
    // A calendar date is the same day in every zone.
    ['en-US', 'America/Los_Angeles', '2026-03-04', 'Mar 4, 2026', 'Mar 4, 2026'],
    ['en-US', 'Pacific/Kiritimati', '2026-03-04', 'Mar 4, 2026', 'Mar 4, 2026'],
  ])('%s %s %s', (locale, timeZone, value, date, dateTime) => {
    setDateSettings({ locale, timeZone });
    expect(formatDate(value)).toBe(date);
    expect(formatDateTime(value).replace(/\u202f/g, ' ')).toBe(dateTime);
  });

  it('shows absent and unreadable values plainly', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate(null, 'never')).toBe('never');
    expect(formatDate('soon')).toBe('soon');
    expect(formatFull(null)).toBeUndefined();
    expect(formatAgo(null)).toBe('never');
  });

  it('falls back to the browser settings for an unknown zone or locale', () => {
    setDateSettings({ locale: 'not a locale!', timeZone: 'Mars/Olympus' });
    expect(formatDate('2026-03-04')).toMatch(/2026/);
  });

  it('says how long ago in the user language, then the date', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(formatAgo('2026-03-10T08:00:00Z', 'never', now)).toBe('today');
    expect(formatAgo('2026-03-09T08:00:00Z', 'never', now)).toBe('yesterday');
    expect(formatAgo('2026-03-07T08:00:00Z', 'never', now)).toBe('3 days ago');
    expect(formatAgo('2025-03-07T08:00:00Z', 'never', now)).toBe('Mar 7, 2025');
    setDateSettings({ locale: 'fr-FR', timeZone: 'UTC' });
    expect(formatAgo('2026-03-07T08:00:00Z', 'never', now)).toBe('il y a 3 jours');
  });
});
