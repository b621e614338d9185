/**
 * Atlaskit's theme loader (`@atlaskit/tokens`' theme import map: one lazily loaded chunk per theme,
 * about 40 KB gzipped in all) is reachable from Atlaskit's ThemeProvider, which this app never
 * renders: in Forge, Jira themes the iframe itself (`view.theme.enable()` asks the product to apply
 * its token CSS), and the local host does the same. The build (static/vite.config.ts) resolves the
 * loader's map to this empty one, so those chunks are not shipped. Calling the loader would throw,
 * which the end-to-end tests in both themes would show.
 */
const themeImportMap: Record<string, () => Promise<unknown>> = {};
export { themeImportMap };
export default themeImportMap;
