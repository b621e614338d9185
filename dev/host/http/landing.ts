import type { Host } from '../host';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** GET /: the pages and the personas to act as, for people exploring the local host. */
export function landingPage(host: Host): string {
  const rows = host
    .personas()
    .map((p) => {
      const as = encodeURIComponent(p.accountId);
      const projects = p.projects.map((k) => `<a href="/project/${encodeURIComponent(k)}?as=${as}">${escape(k)}</a>`).join(' ');
      return `<tr><td>${escape(p.displayName)}</td><td>${escape(p.role)}</td><td><a href="/admin?as=${as}">admin page</a></td><td>${projects}</td><td><code>${escape(p.accountId)}</code></td></tr>`;
    })
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Integration Registry: local Forge host</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#172b4d}td,th{padding:4px 12px;text-align:left}code{font-size:12px}</style></head>
<body><h1>Integration Registry: local Forge host</h1><p>Jira: ${escape(host.jira.describe())}</p>
<table><thead><tr><th>Persona</th><th>Role</th><th>Admin page</th><th>Project pages</th><th>Account id</th></tr></thead><tbody>${rows}</tbody></table>
<p>Add <code>&amp;theme=dark</code> to a page URL for the dark theme; <code>?as=anonymous</code> for a visitor without an account.</p></body></html>`;
}
