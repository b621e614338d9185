import type { ActivityTrend, ExpiryTier, IdentityKind } from '../../../../src/contract';

export const KIND_LABEL: Record<IdentityKind, string> = {
  'service-account': 'Service account',
  'app-account': 'App',
  'rovo-agent': 'Rovo agent',
  'person-integration': "Person's account",
};

type LozengeAppearance = 'default' | 'success' | 'removed' | 'inprogress' | 'new' | 'moved';

export const TIER_LABEL: Record<ExpiryTier, { text: string; appearance: LozengeAppearance }> = {
  expired: { text: 'Expired', appearance: 'removed' },
  critical: { text: 'Expires within 7 days', appearance: 'removed' },
  warning: { text: 'Expires within 30 days', appearance: 'moved' },
  ok: { text: 'OK', appearance: 'success' },
  unknown: { text: 'No expiry date', appearance: 'default' },
};

export const TREND_LABEL: Record<ActivityTrend, string> = { rising: '↑ rising', falling: '↓ falling', steady: '→ steady', new: 'new here' };

