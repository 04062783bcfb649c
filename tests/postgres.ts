/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: `initdb` into a temporary folder, `pg_ctl start` on a free
 * loopback port with its socket in that folder, `stop()` stops only that cluster and deletes the folder. As root,
 * `initdb` refuses to run, so the cluster belongs to the `postgres` user (Debian's `postgresql` package creates it).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A running cluster: its connection URL (`postgres://postgres@127.0.0.1:PORT/postgres`) and how to stop it. */
export interface PostgresCluster {
  url: string;
  stop(): void;
}

/**
 * The folder of PostgreSQL's server programs (`initdb`, `pg_ctl`): POSTGRES_BIN, else Debian's newest
 * `/usr/lib/postgresql/<major>/bin`, else undefined (PostgreSQL is not installed).
 */
export function postgresBinDir(): string | undefined {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] === undefined ? undefined : path.join(root, majors[0], 'bin');
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throwaway cluster (about 2 s). Durability is off (`fsync=off`): the data dies with the folder anyway.
 * @returns the cluster; call `stop()` when done (also safe to call twice).
 * @throws Error when PostgreSQL is not installed or the cluster does not start (the message ends with its log).
 */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install postgresql (or set POSTGRES_BIN)');
  const dir = mkdtempSync(path.join(tmpdir(), 'aethex-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (program: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(bin, program), args, { stdio: 'pipe' });
  const port = await freePort();
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'postgres.log');
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch {
      // Not running (it failed to start, or was stopped from outside): only the folder is left to delete.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', 'start']);
  } catch (error) {
    const tail = existsSync(log) ? `\n${readFileSync(log, 'utf8').slice(-2000)}` : '';
    stop();
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}${tail}`);
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}
