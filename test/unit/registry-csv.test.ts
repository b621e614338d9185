import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, escapeCell, parseCsv, toCsv, unescapeCell } from '../../src/registry/csv';
import { tokenChanges } from '../../src/registry/admin-sync/match-tokens';
import type { AdminApiToken } from '../../src/registry/admin-sync/admin-api-client';
import type { Credential } from '../../src/contract';

describe('CSV', () => {
  it('parses quoted cells, doubled quotes, CRLF, a BOM and blank lines, with line numbers', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\n\n"multi\nline",z\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 4, cells: ['multi\nline', 'z'] },
    ]);
  });

  it.each([
    ['a,"unclosed\n', /never closed/],
    ['a,b"c\n', /middle of an unquoted cell/],
    ['"a"b\n', /after a closing quote/],
  ])('refuses malformed CSV %j', (text, message) => {
    expect(() => parseCsv(text)).toThrow(CsvSyntaxError);
    expect(() => parseCsv(text)).toThrow(message);
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', `"'+1"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tlead', `"'\tlead"`],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
  ])('escapes %j for spreadsheets as %s', (value, cell) => {
    expect(escapeCell(value)).toBe(cell);
    expect(unescapeCell(parseCsv(cell + '\n')[0]?.cells[0] ?? '')).toBe(value);
  });

  it('writes CRLF rows that parse back to the same cells', () => {
    const rows = [['=1', 'x, y'], ['', 'ok']];
    const parsed = parseCsv(toCsv(['h1', 'h2'], rows)).map((r) => r.cells.map(unescapeCell));
    expect(parsed).toEqual([['h1', 'h2'], ...rows]);
  });
});

describe('tokenChanges', () => {
  const now = new Date('2026-03-10T00:00:00Z');
  const token = (over: Partial<AdminApiToken> = {}): AdminApiToken => ({
    id: 't1', label: 'CI token', status: 'ALLOWED', createdAt: '2025-03-10T00:00:00Z', expiresAt: '2026-03-20T00:00:00Z', lastActiveAt: null, user: { id: 'acc', name: 'Bot', email: null }, ...over,
  });
  const manual: Credential = { id: 'm1', kind: 'api-token', label: 'ci TOKEN', scopes: ['read:jira-work'], createdAt: null, expiresAt: null, lastUsedAt: null, ownerAccountId: 'o', source: 'manual', externalId: null, updatedAt: '' };

  it('adopts the manual credential with the same label, keeping scopes and owner', () => {
    const [change] = tokenChanges('acc', [manual], [token()], now);
    expect(change?.before).toBe(manual);
    expect(change?.after).toMatchObject({ id: 'm1', label: 'CI token', externalId: 't1', source: 'admin-sync', expiresAt: '2026-03-20', scopes: ['read:jira-work'], ownerAccountId: 'o' });
  });

  it('ignores other users, revoked tokens, and unchanged tokens', () => {
    const synced = tokenChanges('acc', [], [token()], now)[0]?.after as Credential;
    expect(tokenChanges('acc', [synced], [token()], now)).toEqual([]);
    expect(tokenChanges('acc', [], [token({ user: { id: 'other', name: null, email: null } }), token({ id: 't2', status: 'REVOKED' })], now)).toEqual([]);
  });
});
