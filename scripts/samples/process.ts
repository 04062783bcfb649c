/**
 * Process helpers of the sample runner: how each sample language is run, a clean environment
 * for it, one-shot runs with a timeout, long-running receivers, and a small worker pool.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

import type { LanguageId } from '@/lib/snippets';

/** File name and command line of each language's ordinary tool (`file` is relative to the sample's own directory). */
export const RUNTIMES: Record<LanguageId, { file: string; command: string; args: (file: string) => string[] }> = {
  curl: { file: 'sample.sh', command: 'sh', args: (f) => [f] },
  javascript: { file: 'sample.js', command: process.execPath, args: (f) => [f] },
  python: { file: 'sample.py', command: 'python3', args: (f) => [f] },
  go: { file: 'main.go', command: 'go', args: (f) => ['run', f] },
  java: { file: 'Main.java', command: 'java', args: (f) => [f] },
  ruby: { file: 'sample.rb', command: 'ruby', args: (f) => [f] },
};

/**
 * The environment every sample process gets: PATH and locale, a private HOME, Go's caches (CI runs as root
 * without a guaranteed HOME, and `go` refuses to build without GOCACHE) and the given AETHEX_* variables. Nothing
 * else of the runner's environment leaks in, so a sample that needs an undocumented variable fails.
 */
export function sampleEnv(work: string, goCache: string, vars: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    HOME: path.join(work, 'home'),
    GOCACHE: goCache,
    GOPATH: path.join(work, 'gopath'),
    GOFLAGS: '-buildvcs=false',
    GOTOOLCHAIN: 'local',
    ...(process.env.JAVA_HOME ? { JAVA_HOME: process.env.JAVA_HOME } : {}),
    ...vars,
  } as unknown as NodeJS.ProcessEnv;
}

/** Result of one finished process: exit code (124 on timeout, 127 when it could not start) and its output. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Writes `source` into `dir` as the language's file and runs it with its ordinary tool (exit code 127: the runtime
 * is missing). `command` is how to repeat the run by hand, with the variables' values elided.
 */
export async function runSource(
  lang: LanguageId,
  source: string,
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ result: RunResult; command: string }> {
  const runtime = RUNTIMES[lang];
  writeFileSync(path.join(dir, runtime.file), source);
  const vars = Object.keys(env)
    .filter((name) => name.startsWith('AETHEX_'))
    .sort();
  const command = `cd ${dir} && ${vars.map((name) => `${name}=… `).join('')}${path.basename(runtime.command)} ${runtime.args(runtime.file).join(' ')}`;
  return { result: await run(runtime.command, runtime.args(runtime.file), dir, env), command };
}

/** Runs `command args` in `cwd` and collects its output; kills the process group after `timeoutMs`. */
export function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => stop(child), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 127, stdout, stderr: `${stderr}${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: signal ? 124 : (code ?? 1), stdout, stderr });
    });
  });
}

/** A long-running process (a webhook receiver) whose output is collected until it is stopped. */
export function start(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.on('error', (error) => (output += error.message));
  return { child, output: () => output };
}

/** Kills a process we started and everything it spawned (`go run` and `java` start children), by process group id. */
export function stop(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** A free loopback TCP port (the OS picks it; the tiny race with another process is acceptable in a test run). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `tasks` with at most `concurrency` at a time; resolves when all are done (tasks must not reject). */
export async function pool(tasks: (() => Promise<void>)[], concurrency: number): Promise<void> {
  const queue = [...tasks];
  const worker = async () => {
    for (let task = queue.shift(); task; task = queue.shift()) await task();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
}

/** A promise-chain mutex: `lock(fn)` runs fn after every earlier fn has settled. */
export function mutex(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const next = tail.then(fn, fn);
    tail = next.catch(() => undefined);
    return next;
  };
}
