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
}

export function bridgeScript(config: BridgeConfig): string {
  // JSON in a script element: escape "<" so that no value can close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `(() => {
  const config = ${json};
  const host = (window.__forgeHost = { flags: [], navigations: [], invocations: 0 });
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
      const res = await fetch('/dev/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ as: config.accountId, moduleKey: config.moduleKey, projectKey: config.projectKey, functionKey, payload: payload ?? {} }),
      });
      const text = await res.text();
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
    async getUrl(location) { return new URL(String(location.target ?? '/'), config.context.siteUrl).toString(); },
    async reload() { window.location.reload(); },
    async refresh() { window.location.reload(); },
    async emitReadyEvent() {},
  };
  function navigate(location, type) {
    const url = typeof location === 'string' ? location : location.url;
    host.navigations.push({ url, type });
    if (type === 'new-tab') window.open(url, '_blank', 'noopener,noreferrer');
  }
  window.__bridge = {
    callBridge(method, payload) {
      const handler = handlers[method];
      if (!handler) return Promise.reject(new Error('The local Forge host does not provide bridge method "' + method + '"'));
      return handler(payload ?? {});
    },
  };
})();`;
}
