import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type PostgresPool,
  type PostgresPoolClient,
  type SqliteDriver,
} from 'kysely';
import { LRUCache } from 'lru-cache';
import pg from 'pg';

import { migrations, type DialectName } from './migrations';
import type { Tables } from './schema';

/** Where the sandbox keeps its state. */
export interface DatabaseOptions {
  /**
   * `postgres://…` (or `postgresql://…`): a PostgreSQL database shared by every instance; anything else is a SQLite
   * file path (folders created) or `':memory:'`.
   */
  location: string;
  /** PostgreSQL only: the schema to keep the tables in (created if missing; default `public`). */
  schema?: string;
}

/** An open, migrated database. */
export interface SandboxDatabase {
  db: Kysely<Tables>;
  dialect: DialectName;
  close(): Promise<void>;
}

const INT8 = 20;

/**
 * The PostgreSQL pool. `bigint` (epoch milliseconds, `COUNT(*)`) is read as a JS number: every value the sandbox
 * stores is below 2^53, and pg's default (a string) would differ from SQLite's answers.
 */
function postgresPool(url: string, schema: string | undefined): pg.Pool {
  // Asynchronous commit: a PostgreSQL crash may lose the last moment of sandbox writes (never half of one), and no
  // request waits for its write-ahead log to reach the disk; the bench's rate-limit upsert runs on every request.
  const settings = [...(schema ? [`-c search_path=${schema}`] : []), '-c synchronous_commit=off'];
  const pool = new pg.Pool({
    connectionString: url,
    // Names the connections in pg_stat_activity: the sandbox, and its schema when it has one of its own.
    application_name: `aethex-sandbox${schema ? `:${schema}` : ''}`,
    max: 10,
    options: settings.join(' '),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server closes (a restart, a failover, pg_terminate_backend) is dropped by the pool and
  // replaced on the next query; without a listener its 'error' event would end the process.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * The pool with every data query sent as a named prepared statement (named by its SQL text), which PostgreSQL parses
 * and plans once per connection instead of on every call. Why: unnamed, a primary-key select ran 11,000 times a
 * second on the bench machine; named, 27,500. Schema changes (the migrations) go unnamed.
 */
function namedStatements(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) {
      name = `aethex_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    end: () => pool.end(),
    connect: async () => {
      const client = await pool.connect();
      return {
        release: (destroy?: boolean) => client.release(destroy),
        query: ((text: unknown, values?: unknown[]) =>
          typeof text === 'string' && /^\s*(?:select|insert|update|delete|with)\b/i.test(text)
            ? client.query({ name: nameOf(text), text, values: values ?? [] })
            : client.query(text as string, values)) as unknown as PostgresPoolClient['query'],
      };
    },
  };
}

/** A SQLite connection in WAL mode with foreign keys on (file folders created like `mkdir -p`). */
function sqliteConnection(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const connection = new Database(file);
  connection.pragma('journal_mode = WAL');
  // WAL + NORMAL stays durable across application crashes (only an OS crash can lose the last commits).
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  return connection;
}

/**
 * Creates a PostgreSQL schema unless it exists. `if not exists` does not stop two sessions creating it at the same
 * moment from colliding on the catalog's unique index: the loser finds it there and goes on.
 */
async function createSchema(db: Kysely<Tables>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (error) {
    const found = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(db);
    if (found.rows.length === 0) throw error;
  }
}

/**
 * SQLite with every transaction `BEGIN IMMEDIATE`: it takes the write lock at once (waiting up to busy_timeout), so
 * a second process on the same file waits for it instead of failing with SQLITE_BUSY when a transaction that
 * read first tries to write (a deferred BEGIN cannot wait there without risking a deadlock).
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver() as SqliteDriver;
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * The connection with its prepared statements kept by SQL text (the 500 most recently used), for Kysely to run.
 * @returns an object delegating everything else to `connection`.
 */
function cachedStatements(connection: Database.Database): Database.Database {
  // Kysely's SQLite driver prepares every query it runs; preparing costs about as much as running a hot one.
  const statements = new LRUCache<string, Database.Statement>({ max: 500 });
  const prepare = connection.prepare.bind(connection);
  return Object.assign(Object.create(connection) as Database.Database, {
    prepare: (source: string) => {
      let statement = statements.get(source);
      if (!statement) {
        statement = prepare(source);
        statements.set(source, statement);
      }
      return statement;
    },
    close: () => connection.close(),
  });
}

/** Whether a location names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/**
 * Opens the sandbox database and brings its schema up to date (migrations.ts, through Kysely's Migrator).
 * @returns the typed query builder over it, which database it is, and `close()`.
 * @throws Error when the database cannot be reached or a migration fails (the message names the migration).
 */
export async function openDatabase(options: DatabaseOptions): Promise<SandboxDatabase> {
  const dialect: DialectName = isPostgresUrl(options.location) ? 'postgres' : 'sqlite';
  // Named explicitly, also when it is `public`: Kysely's Migrator looks for its own tables in every schema unless told
  // which one, and would take another schema's for this one's.
  const schema = dialect === 'postgres' ? (options.schema ?? 'public') : undefined;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`the schema name ${schema} must be a lower-case SQL identifier`);
  const db = new Kysely<Tables>({
    dialect:
      dialect === 'postgres'
        ? new PostgresDialect({ pool: namedStatements(postgresPool(options.location, schema)) })
        : new ImmediateSqliteDialect({ database: cachedStatements(sqliteConnection(options.location)) }),
  });
  try {
    if (schema) await createSchema(db, schema);
    const migrator = new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(migrations(dialect)) },
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    // PostgreSQL: Kysely's Migrator holds an advisory lock, so a second instance starting at once waits and then
    // finds every migration applied. SQLite has no such lock: two processes opening one new file at once can collide
    // (a busy database, or both recording the same migration); the loser runs the Migrator again and finds them applied.
    for (let attempt = 1; ; attempt += 1) {
      const { error, results } = await migrator.migrateToLatest();
      if (!error) break;
      if (attempt < 3) continue;
      const failed = results?.find((result) => result.status === 'Error')?.migrationName;
      throw new Error(`migration ${failed ?? '(setup)'} failed: ${(error as Error).message}`);
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect, close: () => db.destroy() };
}
