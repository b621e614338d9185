import { resolve } from 'node:path';
import { isLoopbackInterface } from './http/guard';
import type { RealSiteConfig } from './real-site';

/** The local host's settings, from the environment (README, "Configuration"). */
export interface HostConfig {
  port: number;
  /** Interface to listen on; loopback by default, since /dev/invoke acts as anyone. */
  hostname: string;
  dataDir: string;
  site: 'demo' | 'large';
  realSite?: RealSiteConfig;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv): HostConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a whole number from 0 to 65535 (got "${env.PORT}")`);
  const site = env.SITE ?? 'demo';
  if (site !== 'demo' && site !== 'large') throw new ConfigError(`SITE must be "demo" or "large" (got "${site}")`);
  const real = [env.JIRA_BASE_URL, env.JIRA_EMAIL, env.JIRA_API_TOKEN];
  const given = real.filter((v) => v !== undefined && v !== '').length;
  if (given > 0 && given < 3) throw new ConfigError('To use a real Jira site set all three of JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN');
  if (given === 3) {
    try {
      new URL(env.JIRA_BASE_URL as string);
    } catch {
      throw new ConfigError(`JIRA_BASE_URL is not a URL (got "${env.JIRA_BASE_URL}")`);
    }
  }
  return {
    port,
    hostname: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR || '.local'),
    site,
    ...(given === 3 ? { realSite: { baseUrl: env.JIRA_BASE_URL as string, email: env.JIRA_EMAIL as string, apiToken: env.JIRA_API_TOKEN as string } } : {}),
  };
}

/** A warning to print when HOST listens beyond this machine's loopback interface, or null. */
export function hostWarning(hostname: string): string | null {
  if (isLoopbackInterface(hostname)) return null;
  return [
    `Warning: HOST=${hostname} is not a loopback address, so other machines on the network can reach this port.`,
    '  /dev/invoke acts as any persona, the site admin included. The host still answers only requests addressed',
    '  to localhost (Host header) from its own pages, so use it through localhost, an SSH tunnel or a port forward.',
    '  Unset HOST to listen on 127.0.0.1 only.',
  ].join('\n');
}
