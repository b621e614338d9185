// Points and requests spent, overall and per endpoint ("METHOD template").
import type { MeterSnapshot } from './types.js';

export class Meter {
  private points = 0;
  private requests = 0;
  private byEndpoint: Record<string, { requests: number; points: number }> = {};
  /** Points per clock hour (start of the hour in ms), as the site's quota counts them. */
  private byHour = new Map<number, number>();

  add(endpoint: string, points: number, at: number): void {
    const hour = Math.floor(at / 3_600_000) * 3_600_000;
    this.byHour.set(hour, (this.byHour.get(hour) ?? 0) + points);
    this.points += points;
    this.requests += 1;
    const e = (this.byEndpoint[endpoint] ??= { requests: 0, points: 0 });
    e.requests += 1;
    e.points += points;
  }

  snapshot(): MeterSnapshot {
    return {
      points: this.points,
      requests: this.requests,
      byEndpoint: Object.fromEntries(Object.entries(this.byEndpoint).map(([k, v]) => [k, { ...v }])),
      byHour: Object.fromEntries(this.byHour),
    };
  }

  reset(): void {
    this.points = 0;
    this.requests = 0;
    this.byEndpoint = {};
    this.byHour = new Map();
  }
}
