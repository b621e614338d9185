// Matches a method and concrete path to a handler. Templates use the spec's own names
// (e.g. /rest/api/3/project/{projectIdOrKey}) so that meter keys read like the spec.
import type { Handler } from './http.js';

export interface Route {
  method: string;
  template: string;
  handler: Handler;
}

export type RouteMatch = { route: Route; params: Record<string, string> } | { methodNotAllowed: true } | null;

export class Router {
  private readonly routes: Array<Route & { segments: string[]; literals: number }> = [];

  add(method: string, template: string, handler: Handler): void {
    const segments = template.split('/');
    this.routes.push({ method, template, handler, segments, literals: segments.filter((s) => !s.startsWith('{')).length });
    // More literal segments first: /project/search must win over /project/{projectIdOrKey}.
    this.routes.sort((a, b) => b.literals - a.literals);
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.replace(/\/+$/, '').split('/');
    let pathKnown = false;
    for (const r of this.routes) {
      const params = matchSegments(r.segments, parts);
      if (!params) continue;
      if (r.method === method) return { route: r, params };
      pathKnown = true;
    }
    return pathKnown ? { methodNotAllowed: true } : null;
  }

  list(): Array<{ method: string; template: string }> {
    return this.routes.map((r) => ({ method: r.method, template: r.template }));
  }
}

function matchSegments(template: string[], parts: string[]): Record<string, string> | null {
  if (template.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as string;
    const p = parts[i] as string;
    if (t.startsWith('{')) {
      if (p === '') return null;
      params[t.slice(1, -1)] = decodeURIComponent(p);
    } else if (t !== p) return null;
  }
  return params;
}
