import type { Handlers } from '@forge/resolver';
import type { DiscoveryDefs } from '../contract';
import { getHeatMap } from './heatmap/get';
import { getIdentity } from './identities/get';
import { listIdentities } from './identities/list';
import { markIdentity } from './identities/mark';
import { cancelScanResolver } from './scan/cancel';
import { startScanResolver } from './scan/start';
import { scanStatusResolver } from './scan/status';
import { getSettings, saveSettingsResolver } from './settings/scan';

export const discoveryHandlers: Handlers<DiscoveryDefs> = {
  'scan/start': startScanResolver,
  'scan/status': scanStatusResolver,
  'scan/cancel': cancelScanResolver,
  'identities/list': listIdentities,
  'identity/get': getIdentity,
  'identity/mark': markIdentity,
  'settings/get': getSettings,
  'settings/save': saveSettingsResolver,
  'heatmap/get': getHeatMap,
};
