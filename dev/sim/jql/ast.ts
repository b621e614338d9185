// The JQL syntax tree the parser builds and the evaluator reads.

export type Value =
  | { kind: 'literal'; text: string }
  | { kind: 'list'; items: Value[] }
  | { kind: 'func'; name: string; args: string[] }
  | { kind: 'empty' };

export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | 'not in' | 'is' | 'is not' | '~' | '!~';

export type Expr =
  | { type: 'and'; items: Expr[] }
  | { type: 'or'; items: Expr[] }
  | { type: 'not'; expr: Expr }
  | { type: 'clause'; field: string; op: Operator; value: Value; pos: number }
  | { type: 'changed'; field: string; pos: number; predicates: ChangedPredicate[] };

export interface ChangedPredicate {
  kind: 'by' | 'after' | 'before' | 'on' | 'from' | 'to' | 'during';
  value: Value;
}

export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

export interface Query {
  where: Expr | null;
  orderBy: SortKey[];
}
