import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { stopOnExit } from './processes';

/**
 * Builds the portal into its own dist folder and serves it with `next start`, for benchmarks.
 * @param options.port TCP port for `next start`
 * @param options.distDir Next dist folder, kept apart from the developer's `.next`
 * @param options.skipBuild reuse an existing build in `distDir`
 * The sandbox database is a new file in a temporary folder (BENCH_SANDBOX_DB names another, or `:memory:`).
 * @returns the base URL and a `stop()` that ends the server process group and deletes the temporary folder (run at
 *   exit too, also on Ctrl-C: the detached server would otherwise outlive the benchmark)
 * @throws Error when the build fails or the server does not answer within 60 s
 */
export async function startPortal(options: { port: number; distDir: string; skipBuild?: boolean }) {
  // The sandbox database: a new file, as `npm start` uses one (.data/sandbox.db), unless BENCH_SANDBOX_DB names
  // another (`:memory:` also skips the once-per-event-loop-turn check for commits by other processes that a file needs).
  const dbDir = mkdtempSync(path.join(tmpdir(), 'portal-bench-'));
  // The mounted row of ./sandbox.ts loads one tenant far above a tenant's maximum rate (100 requests per second).
  const env = {
    ...process.env,
    NEXT_DIST_DIR: options.distDir,
    NEXT_TELEMETRY_DISABLED: '1',
    SANDBOX_DB: process.env.BENCH_SANDBOX_DB || path.join(dbDir, 'sandbox.db'),
    SANDBOX_MAX_REQUESTS_PER_SECOND: '1000000',
    // ./mcp.ts sends 440 MCP calls from one address in well under a minute (the endpoint allows 300 a minute).
    MCP_RATE_LIMIT_PER_MINUTE: '1000000',
  };
  if (!options.skipBuild) {
    await run('npm', ['run', 'build'], env);
  }
  const server = spawn('npx', ['next', 'start', '-p', String(options.port)], { env, detached: true, stdio: 'ignore' });
  const stop = stopOnExit(() => {
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    } catch {
      // The whole group has already ended.
    } finally {
      rmSync(dbDir, { recursive: true, force: true });
    }
  });
  const baseUrl = `http://localhost:${options.port}`;
  try {
    await waitFor(baseUrl, 60_000, server);
  } catch (error) {
    stop();
    throw error;
  }
  return { baseUrl, pid: server.pid, stop };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}

async function waitFor(url: string, timeoutMs: number, server: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error('next start exited early');
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
