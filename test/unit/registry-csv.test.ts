import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv, toCsv, unescapeCell } from '../../src/registry/csv';
import { tokenChanges } from '../../src/registry/admin-sync/match-tokens';
import type { AdminCredential } from '../../src/registry/admin-sync/admin-api-client';
import type { Credential } from '../../src/contract';

describe('CSV', () => {
  it.each<[string, string, Array<{ line: number; cells: string[] }>]>([
    ['quoted cells, doubled quotes, CRLF, a BOM and blank lines', '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n\r\nc,d\r\n', [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 4, cells: ['c', 'd'] },
    ]],
    ['LF and CRLF mixed in one file', 'a,b\r\nc,d\ne,f\r\n', [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c', 'd'] },
      { line: 3, cells: ['e', 'f'] },
    ]],
    ['quoted newlines: a row keeps the line it starts on', 'a,b\n"multi\r\nline",z\n"x\ny\nz",w\nlast,row', [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['multi\r\nline', 'z'] },
      { line: 4, cells: ['x\ny\nz', 'w'] },
      { line: 7, cells: ['last', 'row'] },
    ]],
    ['rows longer and shorter than the header, as they are (the importer decides)', 'a,b\n1,2,3\n4\n', [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2', '3'] },
      { line: 3, cells: ['4'] },
    ]],
    ['a BOM alone', '\uFEFF', []],
  ])('parses %s', (_name, text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it.each([
    ['a,"unclosed\n', /never closed/],
    ['a,b"c\n', /middle of an unquoted cell/],
    ['"a"b\n', /after a closing quote/],
  ])('refuses malformed CSV %j', (text, message) => {
    expect(() => parseCsv(text)).toThrow(CsvSyntaxError);
    expect(() => parseCsv(text)).toThrow(message);
  });

  it('says on which line malformed quoting is', () => {
    expect(() => parseCsv('a,b\nc,d\ne,f"g\n')).toThrow(expect.objectContaining({ line: 3 }));
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['=1+1', `"'=1+1"`],
    ["'=1+1", `"''=1+1"`],
    ["'quoted'", `"''quoted'"`],
    ["'", `"''"`],
    ['+1', `"'+1"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tlead', `"'\tlead"`],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    [' spaced ', '" spaced "'],
    ["it's", "it's"],
  ])('writes %j for spreadsheets as %s, and reads it back unchanged', (value, cell) => {
    expect(toCsv([value], [])).toBe(`${cell}\r\n`);
    expect(parseCsv(`${cell}\r\n`).map((r) => r.cells.map(unescapeCell))).toEqual([[value]]);
  });

  it("reads a hand-written leading apostrophe before plain text as written (only export's own prefix is taken off)", () => {
    expect(unescapeCell("'abc")).toBe("'abc");
    expect(unescapeCell("''abc")).toBe("'abc");
    expect(unescapeCell("'=1")).toBe('=1');
  });

  it('writes CRLF rows that parse back to the same cells, formulas and apostrophes included', () => {
    const rows = [['=1+1', "'=1+1"], ['x, y', 'multi\nline'], ['', 'ok']];
    const text = toCsv(['h1', 'h2'], rows);
    expect(text.split('\r\n')[0]).toBe('h1,h2');
    expect(parseCsv(text).map((r) => r.cells.map(unescapeCell))).toEqual([['h1', 'h2'], ...rows]);
  });
});

describe('tokenChanges', () => {
  const now = new Date('2026-03-10T00:00:00Z');
  const token = (over: Partial<AdminCredential> = {}): AdminCredential => ({
    id: 't1', kind: 'api-token', accountId: 'acc', label: 'CI token', status: 'ALLOWED', createdAt: '2025-03-10T00:00:00Z', expiresAt: '2026-03-20T00:00:00Z', lastActiveAt: null, scopes: [], ...over,
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
    expect(tokenChanges('acc', [], [token({ accountId: 'other' }), token({ id: 't2', status: 'REVOKED' })], now)).toEqual([]);
  });

  it('adds a service account’s OAuth client as its own kind, with the scopes the API lists', () => {
    const [change] = tokenChanges('acc', [], [token({ id: 'oc1', kind: 'oauth-client-credential', label: 'Deploy client', scopes: ['read:jira-work', 'bad scope'] })], now);
    expect(change?.after).toMatchObject({ kind: 'oauth-client-credential', label: 'Deploy client', externalId: 'oc1', scopes: ['read:jira-work'] });
  });

  it('retires a synced credential that was revoked or deleted, and leaves hand-entered ones alone', () => {
    const synced = tokenChanges('acc', [], [token()], now)[0]?.after as Credential;
    const revoked = tokenChanges('acc', [synced, manual], [token({ status: 'REVOKED' })], now);
    expect(revoked).toEqual([{ before: synced, after: null }]);
    expect(tokenChanges('acc', [synced, manual], [], now)).toEqual([{ before: synced, after: null }]);
  });
});
