import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const THEMES = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'];
let css: string | null = null;

/**
 * The design-token CSS that Jira supplies to a Custom UI page after `view.theme.enable()`,
 * taken from @atlaskit/tokens' generated theme artifacts.
 */
export function themeCss(): string {
  css ??= THEMES.map((name) => (require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${name}.js`) as { default: string }).default).join('\n');
  return css;
}
