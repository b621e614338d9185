import type { AttestationDecision, AttestationTask, CampaignDetail, CampaignItem, CampaignStart, CampaignSummary, MyIntegration, MyRecordChange } from '../../../src/contract';
import { invoke, unwrap } from './invoke';

export async function listCampaigns(): Promise<CampaignSummary[]> {
  return unwrap(await invoke('campaigns/list', {}));
}

export async function getCampaign(id: string): Promise<CampaignDetail> {
  return unwrap(await invoke('campaigns/get', { id }));
}

export async function startCampaign(start: CampaignStart): Promise<CampaignSummary> {
  return unwrap(await invoke('campaigns/start', start));
}

export async function exportCampaign(id: string): Promise<{ csv: string; filename: string }> {
  return unwrap(await invoke('campaigns/export', { id }));
}

export async function myAttestations(): Promise<AttestationTask[]> {
  return unwrap(await invoke('attestation/mine', {}));
}

export async function answerAttestation(campaignId: string, accountId: string, decision: AttestationDecision, newOwnerAccountId: string | null, comment: string): Promise<CampaignItem> {
  return unwrap(await invoke('attestation/answer', { campaignId, accountId, decision, newOwnerAccountId, comment }));
}

export async function myIntegrations(): Promise<MyIntegration[]> {
  return unwrap(await invoke('my/integrations', {}));
}

export async function saveMyRecord(change: MyRecordChange): Promise<{ version: number }> {
  return unwrap(await invoke('my/save', change));
}
