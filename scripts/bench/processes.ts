/**
 * The benchmark's child processes (Prism, standalone sandboxes, `next start`) and the cleanup that ends them. Each
 * child runs detached, in a process group of its own, so one signal to the group also ends what it spawned (`npx
 * prism` is npm → sh → node). A detached child gets no SIGINT when Ctrl-C is pressed, hence {@link stopOnExit}: every
 * child and PostgreSQL cluster is stopped when the benchmark exits, is interrupted or fails, not only in `finally`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort, startPostgres, type PostgresCluster } from '../../tests/postgres';

/** A TCP port that was free a moment ago on 127.0.0.1 (tests/postgres.ts). */
export { freePort };

const pending = new Set<() => void>();

function stopAll(): void {
  // Newest first: a sandbox stops before the database it uses.
  for (const stop of [...pending].reverse()) {
    try {
      stop();
    } catch (error) {
      console.error(error);
    }
  }
}

let handlersInstalled = false;

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', stopAll);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      stopAll();
      process.exit(code);
    });
  }
}

/**
 * Registers `stop` to run if the process exits, or gets SIGINT or SIGTERM, before it was called.
 * @param stop synchronous (it may run in an `exit` handler)
 * @returns `stop`, made safe to call twice; call it in a `finally` when done with the resource
 */
export function stopOnExit(stop: () => void): () => void {
  installHandlers();
  const once = () => {
    if (!pending.delete(once)) return;
    stop();
  };
  pending.add(once);
  return once;
}

/** A started child process: its ID, what it printed so far (the first 64 KB), and how to end it. */
export interface Child {
  pid: number;
  process: ChildProcess;
  output(): string;
  stop(): void;
}

/**
 * Spawns a detached child with stdout and stderr captured (printed only when it fails to start).
 * @returns the child; `stop()` sends SIGTERM to its process group
 */
export function startChild(command: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    if (output.length < 65_536) output += chunk.toString();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('error', (error) => keep(Buffer.from(String(error))));
  const stop = stopOnExit(() => {
    // The group, even if its leader has ended: npx's node grandchild may outlive it.
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // The whole group has already ended.
    }
  });
  if (child.pid === undefined) throw new Error(`${command} could not be started`);
  return { pid: child.pid, process: child, output: () => output, stop };
}

/**
 * Polls `probe` every 100 ms until it returns a value.
 * @param what the child's name, for the error
 * @param probe a check that returns undefined (or throws, e.g. connection refused) while the child is not ready
 * @throws Error with the child's output when it exits first or is not ready within `timeoutMs`
 */
export async function waitUntilReady<T>(
  what: string,
  child: Child,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null)
      throw new Error(`${what} exited (${child.process.exitCode ?? child.process.signalCode}):\n${child.output()}`);
    try {
      const ready = await probe();
      if (ready !== undefined) return ready;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${child.output()}`);
}

/** A running standalone sandbox: its base URL (without `/sandbox`) and process. */
export interface StandaloneSandbox extends Child {
  url: string;
}

/**
 * Starts `scripts/sandbox-server.ts` (what `npm run sandbox` runs) on a port of its choosing and waits until it
 * answers. Why a child process: in the benchmark's own process it would share one thread with autocannon's client,
 * measuring the load generator as much as the server.
 * @param env SANDBOX_* variables on top of this process's environment (SANDBOX_DB, SANDBOX_DATABASE_URL, caps)
 * @returns the server; call `stop()` when done
 */
export async function startStandaloneSandbox(env: Record<string, string>): Promise<StandaloneSandbox> {
  const child = startChild(process.execPath, ['--import', 'tsx', 'scripts/sandbox-server.ts'], {
    ...process.env,
    ...env,
    SANDBOX_PORT: '0',
  });
  try {
    const url = await waitUntilReady('the standalone sandbox', child, async () => {
      const printed = /listening on (http:\/\/\S+)/.exec(child.output())?.[1];
      // Any answer but a 5xx (a token-less call gets 401) means the handler and its store are up.
      if (printed && (await fetch(`${printed}/sandbox/v1/projects?limit=1`)).status < 500) return printed;
      return undefined;
    });
    return { ...child, url };
  } catch (error) {
    child.stop();
    throw error;
  }
}

/**
 * Starts a throwaway PostgreSQL cluster (tests/postgres.ts), stopped at exit if the caller does not stop it first.
 * @returns the cluster; its `stop()` is safe to call twice
 */
export async function startCluster(): Promise<PostgresCluster> {
  const cluster = await startPostgres();
  return { url: cluster.url, stop: stopOnExit(cluster.stop) };
}

/**
 * A new temporary folder, deleted at exit if the caller does not delete it first.
 * @returns its path and the function that deletes it
 */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: stopOnExit(() => rmSync(dir, { recursive: true, force: true })) };
}

/** Resident memory of one process in MiB (VmRSS in /proc/<pid>/status); 0 once it has ended. */
export function rssMiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
