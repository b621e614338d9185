/**
 * Atlaskit components ask `@atlaskit/feature-gate-js-client` (a Statsig client, about 230 KB before
 * gzip) about Atlassian's own rollout flags. Nothing initialises that client in a Forge Custom UI
 * iframe, and an uninitialised client answers every gate with false and every experiment with its
 * default. The build (static/vite.config.ts) resolves the client's `feature-gates` entry to this
 * module, which answers the same without shipping the client. Only the two calls the bundled
 * Atlaskit packages make exist here; a package that calls another fails the build's type-free
 * import at run time, which the end-to-end tests would show.
 */
const FeatureGates = {
  checkGate(_gateName: string, _options?: unknown): boolean {
    return false;
  },
  getExperimentValue<T>(_experimentName: string, _parameterName: string, defaultValue: T, _options?: unknown): T {
    return defaultValue;
  },
};

export default FeatureGates;
