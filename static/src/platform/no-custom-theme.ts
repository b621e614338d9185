/**
 * Atlaskit's custom brand-colour themes (`setGlobalTheme({ UNSAFE_themeOptions })`, about 11 KB
 * gzipped, loaded lazily) are never asked for: in Forge, Jira applies its own theme to the iframe.
 * The build (static/vite.config.ts) resolves them here instead of shipping them; see
 * no-theme-loading.ts.
 */
const notUsed = (): never => {
  throw new Error('Custom Atlaskit themes are not used in this app: see static/src/platform/no-custom-theme.ts');
};
export const loadAndAppendCustomThemeCss = notUsed;
export const getCustomThemeStyles = notUsed;
