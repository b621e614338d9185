/**
 * The script the host puts into each page before the app's bundle: `window.__bridge`, which the real
 * @forge/bridge calls. In Jira this object is provided by the product around the Custom UI iframe.
 */
export interface BridgeConfig {
  /** Persona the page acts as; null for an anonymous visitor. */
  accountId: string | null;
  moduleKey: string;
  projectKey: string | null;
  colorMode: 'light' | 'dark';
  /** What view.getContext() answers. */
  context: Record<string, unknown>;
  /** The page's place on the host ("/admin", "/project/KEY"): the browser URL is basePath + the app's history path. */
  basePath: string;
  /** The app id (uuid), to map the app's Forge page URLs (`/jira/settings/apps/{appId}/{envId}/...`) to host pages. */
  appId: string;
}

export function bridgeScript(config: BridgeConfig): string {
  // JSON in a script element: escape "<" so that no value can close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `(() => {
  const config = ${json};
  // What the app asked the router for, kept across the page loads a same-tab navigation causes (tests read it).
  const savedNavigations = (() => { try { return JSON.parse(sessionStorage.getItem('forgeHostNavigations') || '[]'); } catch { return []; } })();
  // invocations: resolver calls so far; pending: those not answered yet (tests wait for a still page).
  const host = (window.__forgeHost = { flags: [], navigations: savedNavigations, invocations: 0, pending: 0 });
  function flagArea() {
    let area = document.getElementById('forge-host-flags');
    if (!area) {
      area = document.createElement('div');
      area.id = 'forge-host-flags';
      area.setAttribute('role', 'status');
      area.setAttribute('aria-live', 'polite');
      area.style.cssText = 'position:fixed;bottom:16px;left:16px;z-index:1000;display:flex;flex-direction:column;gap:8px;max-width:400px';
      document.body.appendChild(area);
    }
    return area;
  }
  const handlers = {
    async getContext() { return config.context; },
    async invoke({ functionKey, payload, metadata }) {
      host.invocations++;
      host.pending++;
      let res, text;
      try {
        res = await fetch('/dev/invoke', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ as: config.accountId, moduleKey: config.moduleKey, projectKey: config.projectKey, functionKey, payload: payload ?? {} }),
        });
        text = await res.text();
      } finally {
        host.pending--;
      }
      if (!res.ok) throw new Error('The resolver call failed (' + res.status + '): ' + text.slice(0, 300));
      const body = text === '' ? undefined : JSON.parse(text);
      return metadata ? { body, metadata: {} } : body;
    },
    async enableTheming() {
      const root = document.documentElement;
      root.setAttribute('data-color-mode', config.colorMode);
      root.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography shape:shape');
      if (!document.getElementById('forge-host-theme')) {
        const link = document.createElement('link');
        link.id = 'forge-host-theme';
        link.rel = 'stylesheet';
        link.href = '/dev/theme.css';
        document.head.appendChild(link);
        await new Promise((resolve) => { link.onload = resolve; link.onerror = resolve; });
      }
    },
    async showFlag(options) {
      host.flags.push({ id: options.id, title: options.title, type: options.type });
      const el = document.createElement('div');
      el.dataset.flagId = String(options.id);
      el.style.cssText = 'padding:12px 16px;border-radius:4px;box-shadow:0 4px 8px rgba(9,30,66,.25);background:var(--ds-surface-overlay,#fff);color:var(--ds-text,#172b4d);font:14px system-ui,sans-serif';
      const title = document.createElement('strong');
      title.textContent = options.title ?? '';
      const description = document.createElement('div');
      description.textContent = typeof options.description === 'string' ? options.description : '';
      el.append(title, description);
      flagArea().appendChild(el);
      if (options.isAutoDismiss !== false) setTimeout(() => el.remove(), 8000);
    },
    async closeFlag({ id }) {
      document.querySelectorAll('[data-flag-id]').forEach((el) => { if (el.dataset.flagId === String(id)) el.remove(); });
    },
    async open(location) { return navigate(location, 'new-tab'); },
    async navigate(location) { return navigate(location, location.type ?? 'same-tab'); },
    async createHistory() { return history; },
    async getUrl(location) { return new URL(String(location.target ?? '/'), config.context.siteUrl).toString(); },
    async reload() { window.location.reload(); },
    async refresh() { window.location.reload(); },
    async emitReadyEvent() {},
  };
  function navigate(location, type) {
    const url = typeof location === 'string' ? location : location.url ?? location.target;
    host.navigations.push({ url, type });
    try { sessionStorage.setItem('forgeHostNavigations', JSON.stringify(host.navigations)); } catch {}
    const local = hostPageUrl(url);
    if (type === 'new-tab') window.open(local ?? url, '_blank', 'noopener,noreferrer');
    else if (local) window.location.assign(local);
  }

  // --- The app's Forge page URLs, mapped to this host's pages (same persona and theme). ---
  const hostParams = ['as', 'theme'];
  function hostQuery() {
    const outer = new URLSearchParams(window.location.search);
    const kept = new URLSearchParams();
    for (const name of hostParams) if (outer.has(name)) kept.set(name, outer.get(name));
    return kept;
  }
  function withHostQuery(path, search) {
    const q = new URLSearchParams(search);
    hostQuery().forEach((v, k) => q.set(k, v));
    const s = q.toString();
    return path + (s ? '?' + s : '');
  }
  function hostPageUrl(url) {
    let parsed;
    try { parsed = new URL(String(url), config.context.siteUrl); } catch { return null; }
    const site = new URL(config.context.siteUrl);
    if (parsed.origin !== site.origin && parsed.origin !== window.location.origin) return null;
    const app = config.appId; // a uuid: no pattern characters
    const rules = [
      [new RegExp('^/jira/settings/apps/' + app + '/[^/]+(/.*)?$'), () => '/admin'],
      [new RegExp('^/jira/(?:software|core|servicedesk)/(?:c/)?projects/([^/]+)/apps/' + app + '/[^/]+(/.*)?$'), (m) => '/project/' + m[1]],
      [new RegExp('^/jira/apps/' + app + '/[^/]+(/.*)?$'), () => '/my'],
    ];
    for (const [re, base] of rules) {
      const m = re.exec(parsed.pathname);
      if (m) return withHostQuery(base(m) + (m[m.length - 1] ?? ''), parsed.search);
    }
    return null;
  }

  // --- view.createHistory(): the app's own path below basePath, kept in the browser's URL as Forge keeps it in Jira's. ---
  const listeners = new Set();
  let keyCounter = 0;
  function readLocation(state) {
    const path = window.location.pathname.startsWith(config.basePath) ? window.location.pathname.slice(config.basePath.length) : '/';
    const q = new URLSearchParams(window.location.search);
    for (const name of hostParams) q.delete(name);
    const search = q.toString();
    const entry = state ?? window.history.state ?? {};
    return { pathname: path === '' ? '/' : path, search: search ? '?' + search : '', hash: window.location.hash, state: entry.usr ?? null, key: entry.key ?? 'default' };
  }
  function toParts(to) {
    if (typeof to !== 'string') return { pathname: to.pathname ?? history.location.pathname, search: to.search ?? '', hash: to.hash ?? '' };
    const u = new URL(to, 'http://app' + history.location.pathname);
    return { pathname: u.pathname, search: u.search, hash: u.hash };
  }
  function href(to) {
    const p = toParts(to);
    const pathname = p.pathname === '/' ? '' : p.pathname;
    return withHostQuery(config.basePath + pathname, p.search) + (p.hash ?? '');
  }
  function change(action, to, state, method) {
    const entry = { usr: state ?? null, key: 'k' + ++keyCounter };
    window.history[method](entry, '', href(to));
    history.action = action;
    history.location = readLocation(entry);
    listeners.forEach((l) => l(history.location, action));
  }
  const history = {
    action: 'POP',
    location: readLocation(),
    get length() { return window.history.length; },
    push(to, state) { change('PUSH', to, state, 'pushState'); },
    replace(to, state) { change('REPLACE', to, state, 'replaceState'); },
    go(n) { window.history.go(n); },
    back() { window.history.back(); },
    goBack() { window.history.back(); },
    forward() { window.history.forward(); },
    goForward() { window.history.forward(); },
    createHref(to) { return href(to); },
    block() { return () => {}; },
    listen(listener) { listeners.add(listener); return () => listeners.delete(listener); },
  };
  window.addEventListener('popstate', (event) => {
    history.action = 'POP';
    history.location = readLocation(event.state);
    listeners.forEach((l) => l(history.location, 'POP'));
  });
  host.history = history;
  window.__bridge = {
    callBridge(method, payload) {
      const handler = handlers[method];
      if (!handler) return Promise.reject(new Error('The local Forge host does not provide bridge method "' + method + '"'));
      return handler(payload ?? {});
    },
  };
})();`;
}
