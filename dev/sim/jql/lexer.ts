// JQL tokens: words, quoted strings, operators and punctuation, with 1-based positions for
// Jira-style error messages.

export type TokenType = 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof';

export interface Token {
  type: TokenType;
  text: string;
  /** 1-based character position. */
  pos: number;
}

export class JqlError extends Error {}

const OPS = ['!=', '>=', '<=', '!~', '=', '>', '<', '~'];

export function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i + 1;
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, pos });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < jql.length && jql[j] !== c) {
        if (jql[j] === '\\' && j + 1 < jql.length) j++;
        text += jql[j];
        j++;
      }
      if (j >= jql.length) throw new JqlError(`Error in the JQL Query: The quoted string '${text}' has not been completed. (line 1, character ${pos})`);
      tokens.push({ type: 'string', text, pos });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => jql.startsWith(o, i));
    if (op) {
      tokens.push({ type: 'op', text: op, pos });
      i += op.length;
      continue;
    }
    let j = i;
    while (j < jql.length && /[^\s()=,!<>~"']/.test(jql[j] as string)) j++;
    if (j === i) throw new JqlError(`Error in the JQL Query: The character '${c}' is a reserved JQL character. (line 1, character ${pos})`);
    tokens.push({ type: 'word', text: jql.slice(i, j), pos });
    i = j;
  }
  tokens.push({ type: 'eof', text: '', pos: jql.length + 1 });
  return tokens;
}
