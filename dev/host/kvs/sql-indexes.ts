/**
 * SQLite indexes for the declared custom entity indexes, so an index query on a large store reads
 * only its partition, in order, instead of sorting every row of the entity.
 * The expressions must be textually the ones query.ts uses, hence attributeSql.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Entity } from './entities';

/** `json_extract(value, '$.attr')`; safe to inline because attribute names match [_A-Za-z][_0-9A-Za-z]*. */
export function attributeSql(attr: string): string {
  if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(attr)) throw new Error(`attribute name '${attr}' cannot be used in SQL`);
  return `json_extract(value, '$.${attr}')`;
}

/** `'name'` as an SQL literal; entity names are validated ([_a-z0-9:.-]) so this cannot inject. Inlined
 * (not bound) so SQLite can prove a query matches the partial index `WHERE entity = 'name'`. */
export function entityNameSql(name: string): string {
  if (!/^[_a-z0-9:.-]+$/.test(name)) throw new Error(`entity name '${name}' cannot be used in SQL`);
  return `'${name}'`;
}

/** Creates the SQLite index of every declared entity index and drops those no longer declared. */
export function syncEntityIndexes(db: Database.Database, entities: Map<string, Entity>): void {
  const wanted = new Map<string, string>();
  for (const entity of entities.values()) {
    for (const index of entity.indexes.values()) {
      const columns = ['entity', ...index.partition.map(attributeSql), attributeSql(index.range), 'key'].join(', ');
      const name = `kvs_ix_${createHash('sha256').update(`${entity.name}\0${columns}`).digest('hex').slice(0, 16)}`;
      wanted.set(name, `CREATE INDEX IF NOT EXISTS ${name} ON kvs_items (${columns}) WHERE space = 'entity' AND entity = ${entityNameSql(entity.name)}`);
    }
  }
  const existing = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'kvs_ix_%'`).pluck().all() as string[];
  db.transaction(() => {
    for (const name of existing) if (!wanted.has(name)) db.exec(`DROP INDEX ${name}`);
    for (const sql of wanted.values()) db.exec(sql);
  })();
}
