import { mkdirSync } from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { MIGRATIONS } from './migrations';

/**
 * Opens (creating if needed) the sandbox SQLite database and brings its schema up to date.
 * @param file - a file path (its folder is created, like `mkdir -p`) or `':memory:'`.
 * @param now - clock in epoch milliseconds, recorded as each migration's `applied_at`.
 * @returns the open better-sqlite3 connection in WAL mode with foreign keys on.
 * @throws SqliteError if the file cannot be opened or a migration fails (that migration is rolled back).
 */
export function openDatabase(file: string, now: () => number): Database.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // WAL + NORMAL stays durable across application crashes (only an OS crash can lose the last commits).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, now);
  return db;
}

/**
 * Applies every migration the database has not recorded, in ascending order, one transaction each. By set rather
 * than "above the highest": migrations written on parallel branches may land in either order.
 */
function migrate(db: Database.Database, now: () => number): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(db.prepare('SELECT version FROM migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now());
    }).immediate();
  }
}
