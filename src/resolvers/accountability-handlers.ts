import type { Handlers } from '@forge/resolver';
import type { AccountabilityDefs } from '../contract';
import { exportCampaignResolver, getCampaignResolver, listCampaignsResolver } from './campaigns/read';
import { startCampaignResolver } from './campaigns/start';
import { answerAttestationResolver, myAttestations } from './my/attestation';
import { myIntegrations, saveMyRecord } from './my/integrations';

/** Issue 13: attestation campaigns (admin page) and the owners' global page. */
export const accountabilityHandlers: Handlers<AccountabilityDefs> = {
  'campaigns/start': startCampaignResolver,
  'campaigns/list': listCampaignsResolver,
  'campaigns/get': getCampaignResolver,
  'campaigns/export': exportCampaignResolver,
  'attestation/mine': myAttestations,
  'attestation/answer': answerAttestationResolver,
  'my/integrations': myIntegrations,
  'my/save': saveMyRecord,
};
