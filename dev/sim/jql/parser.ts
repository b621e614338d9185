// Recursive-descent JQL parser for the subset a scanner needs:
//   clauses `field op value`, `field [NOT] IN (list | function())`, `field IS [NOT] EMPTY`,
//   `field CHANGED [BY|AFTER|BEFORE|ON|FROM|TO|DURING …]`, AND / OR / NOT / parentheses, ORDER BY.
import type { ChangedPredicate, Expr, Operator, Query, SortKey, Value } from './ast.js';
import { JqlError, tokenize, type Token } from './lexer.js';

const KEYWORDS = new Set(['and', 'or', 'not', 'order', 'by', 'in', 'is', 'empty', 'null', 'changed', 'asc', 'desc']);
const CHANGED_WORDS = new Set(['by', 'after', 'before', 'on', 'from', 'to', 'during']);
const VALID_OPERATORS = "'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'";

export function parseJql(jql: string): Query {
  const p = new Parser(tokenize(jql));
  return p.query();
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  query(): Query {
    let where: Expr | null = null;
    if (!this.isWord('order') && this.peek().type !== 'eof') where = this.or();
    let orderBy: SortKey[] = [];
    if (this.isWord('order')) {
      this.next();
      this.expectWord('by');
      orderBy = this.sortKeys();
    }
    const t = this.peek();
    if (t.type !== 'eof') this.fail(`Expecting either 'OR' or 'AND' but got '${t.text}'.`, t);
    return { where, orderBy };
  }

  private or(): Expr {
    const items = [this.and()];
    while (this.isWord('or')) {
      this.next();
      items.push(this.and());
    }
    return items.length === 1 ? (items[0] as Expr) : { type: 'or', items };
  }

  private and(): Expr {
    const items = [this.unary()];
    while (this.isWord('and')) {
      this.next();
      items.push(this.unary());
    }
    return items.length === 1 ? (items[0] as Expr) : { type: 'and', items };
  }

  private unary(): Expr {
    if (this.isWord('not')) {
      this.next();
      return { type: 'not', expr: this.unary() };
    }
    if (this.peek().type === 'lparen') {
      this.next();
      const e = this.or();
      this.expect('rparen', "Expecting ')'");
      return e;
    }
    return this.clause();
  }

  private clause(): Expr {
    const fieldTok = this.next();
    if ((fieldTok.type !== 'word' && fieldTok.type !== 'string') || (fieldTok.type === 'word' && KEYWORDS.has(fieldTok.text.toLowerCase()))) {
      this.fail(`Expecting a field name but got '${fieldTok.text || '<EOF>'}'.`, fieldTok);
    }
    const field = fieldTok.text.toLowerCase();
    if (this.isWord('changed')) {
      this.next();
      return { type: 'changed', field, pos: fieldTok.pos, predicates: this.changedPredicates() };
    }
    const op = this.operator();
    const value = op === 'is' || op === 'is not' ? this.emptyValue() : this.value(op === 'in' || op === 'not in');
    return { type: 'clause', field, op, value, pos: fieldTok.pos };
  }

  private operator(): Operator {
    const t = this.next();
    if (t.type === 'op') return t.text as Operator;
    if (t.type === 'word') {
      const w = t.text.toLowerCase();
      if (w === 'in') return 'in';
      if (w === 'is') {
        if (this.isWord('not')) {
          this.next();
          return 'is not';
        }
        return 'is';
      }
      if (w === 'not' && this.isWord('in')) {
        this.next();
        return 'not in';
      }
    }
    return this.fail(`Expecting operator but got '${t.text || '<EOF>'}'. The valid operators are ${VALID_OPERATORS}.`, t);
  }

  private emptyValue(): Value {
    const t = this.next();
    if (t.type === 'word' && ['empty', 'null'].includes(t.text.toLowerCase())) return { kind: 'empty' };
    return this.fail(`Expecting 'EMPTY' or 'NULL' but got '${t.text}'.`, t);
  }

  private value(listAllowed: boolean): Value {
    const t = this.peek();
    if (t.type === 'lparen') {
      if (!listAllowed) this.fail("A list of values is only allowed with the 'IN' and 'NOT IN' operators.", t);
      this.next();
      const items: Value[] = [this.value(false)];
      while (this.peek().type === 'comma') {
        this.next();
        items.push(this.value(false));
      }
      this.expect('rparen', "Expecting ')' to close the list");
      return { kind: 'list', items };
    }
    const v = this.next();
    if (v.type === 'word' && ['empty', 'null'].includes(v.text.toLowerCase())) return { kind: 'empty' };
    if (v.type === 'word' && this.peek().type === 'lparen') return this.func(v.text);
    if (v.type !== 'word' && v.type !== 'string') return this.fail(`Expecting a value but got '${v.text || '<EOF>'}'.`, v);
    return { kind: 'literal', text: v.text };
  }

  private func(name: string): Value {
    this.expect('lparen', "Expecting '('");
    const args: string[] = [];
    while (this.peek().type !== 'rparen') {
      const a = this.next();
      if (a.type !== 'word' && a.type !== 'string') this.fail(`Expecting a function argument but got '${a.text || '<EOF>'}'.`, a);
      args.push(a.text);
      if (this.peek().type === 'comma') this.next();
      else if (this.peek().type !== 'rparen') this.fail("Expecting ',' or ')'", this.peek());
    }
    this.next();
    return { kind: 'func', name: name.toLowerCase(), args };
  }

  private changedPredicates(): ChangedPredicate[] {
    const preds: ChangedPredicate[] = [];
    while (this.peek().type === 'word' && CHANGED_WORDS.has(this.peek().text.toLowerCase())) {
      const kind = this.next().text.toLowerCase() as ChangedPredicate['kind'];
      if (kind === 'by' && this.peek().type === 'word' && this.peek().text.toLowerCase() === 'by') continue;
      preds.push({ kind, value: this.value(kind === 'during') });
    }
    return preds;
  }

  private sortKeys(): SortKey[] {
    const keys: SortKey[] = [];
    for (;;) {
      const f = this.next();
      if (f.type !== 'word' && f.type !== 'string') this.fail(`Expecting a field name in the ORDER BY clause but got '${f.text || '<EOF>'}'.`, f);
      let direction: 'asc' | 'desc' = 'asc';
      if (this.isWord('asc') || this.isWord('desc')) direction = this.next().text.toLowerCase() as 'asc' | 'desc';
      keys.push({ field: f.text.toLowerCase(), direction });
      if (this.peek().type !== 'comma') return keys;
      this.next();
    }
  }

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.i++;
    return t;
  }

  private isWord(w: string): boolean {
    const t = this.peek();
    return t.type === 'word' && t.text.toLowerCase() === w;
  }

  private expectWord(w: string): void {
    const t = this.next();
    if (t.type !== 'word' || t.text.toLowerCase() !== w) this.fail(`Expecting '${w.toUpperCase()}' but got '${t.text || '<EOF>'}'.`, t);
  }

  private expect(type: Token['type'], message: string): void {
    const t = this.next();
    if (t.type !== type) this.fail(`${message} but got '${t.text || '<EOF>'}'.`, t);
  }

  private fail(message: string, t: Token): never {
    throw new JqlError(`Error in the JQL Query: ${message} (line 1, character ${t.pos})`);
  }
}
