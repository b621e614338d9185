// Points and requests spent, overall and per endpoint ("METHOD template").
import type { MeterSnapshot } from './types.js';

export class Meter {
  private points = 0;
  private requests = 0;
  private byEndpoint: Record<string, { requests: number; points: number }> = {};

  add(endpoint: string, points: number): void {
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
    };
  }

  reset(): void {
    this.points = 0;
    this.requests = 0;
    this.byEndpoint = {};
  }
}
