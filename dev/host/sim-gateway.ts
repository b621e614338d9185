import type { SimSite } from '../sim';
import type { JiraGateway, JiraGatewayRequest, JiraGatewayResponse } from './jira-gateway';

/** Sends Jira calls to the in-process simulated site. */
export class SimGateway implements JiraGateway {
  readonly mode = 'simulated' as const;
  constructor(
    private readonly site: SimSite,
    private readonly size: string,
  ) {}

  describe(): string {
    return `simulated Jira Cloud site (SITE=${this.size})`;
  }

  handle(request: JiraGatewayRequest): Promise<JiraGatewayResponse> {
    return this.site.handle(request);
  }
}
