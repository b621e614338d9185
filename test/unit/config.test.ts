import { describe, expect, it } from 'vitest';
import { hostWarning, readConfig } from '../../dev/host/config';

describe('host configuration from the environment', () => {
  it.each([
    [{}, { port: 8080, site: 'demo', hostname: '127.0.0.1' }],
    [{ PORT: '9000', SITE: 'large' }, { port: 9000, site: 'large' }],
    [{ PORT: '0' }, { port: 0 }],
  ])('reads %j', (env, expected) => {
    expect(readConfig(env)).toMatchObject(expected);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be/],
    [{ PORT: '70000' }, /PORT must be/],
    [{ SITE: 'huge' }, /SITE must be "demo" or "large"/],
    [{ JIRA_EMAIL: 'a@b.c' }, /all three/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });

  it.each([
    ['127.0.0.1', false],
    ['localhost', false],
    ['::1', false],
    ['127.0.0.2', false],
    ['0.0.0.0', true],
    ['::', true],
    ['192.168.1.20', true],
    ['myhost.example.com', true],
  ])('HOST=%s warns: %s', (hostname, warns) => {
    const warning = hostWarning(hostname);
    expect(warning !== null).toBe(warns);
    if (warning) expect(warning).toMatch(new RegExp(`HOST=${hostname.replace(/\./g, '\\.')} is not a loopback address`));
  });
});
