/**
 * Atlaskit's DynamicTable loads its drag-to-rank table body (pragmatic drag and drop, about 17 KB
 * gzipped) lazily, only for `isRankable` tables. This app has none, so the build
 * (static/vite.config.ts) resolves that body to this module instead of shipping it.
 */
export default function RankableBodyNotUsed(): never {
  throw new Error('DynamicTable isRankable is not used in this app: see static/src/platform/no-rankable-body.ts');
}
