/**
 * `npm run sandbox:listen` as a process (tsx, as npm runs it) against a real standalone sandbox: usage errors exit 2,
 * Ctrl-C (SIGINT) and SIGTERM exit 0 once it is forwarding.
 */
import { spawn } from 'node:child_process';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandboxServer } from '@/lib/sandbox/server';

type Server = Awaited<ReturnType<typeof startSandboxServer>>;
let sandbox: Server;
beforeAll(async () => {
  sandbox = await startSandboxServer({ port: 0, db: ':memory:', purgeIntervalMs: 0 });
});
afterAll(() => sandbox.close());

/** Runs the script; `until` (a pattern of its output) triggers `signal`. Resolves with its exit code and output. */
function run(args: string[], env: Record<string, string> = {}, until?: RegExp, signal: NodeJS.Signals = 'SIGINT') {
  // The developer's own AETHEX_* credentials must not decide what the test sees.
  const inherited = { ...process.env };
  for (const key of Object.keys(inherited)) if (key.startsWith('AETHEX_')) delete inherited[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sandbox-listen.ts', ...args], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let signalled = false;
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (signalled || !until?.test(output)) return;
    signalled = true;
    child.kill(signal);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, output })),
  );
}

describe('npm run sandbox:listen', () => {
  it('prints the usage and exits 2 without --forward-to', async () => {
    const { code, output } = await run([]);
    expect(code).toBe(2);
    expect(output).toContain('sandbox:listen: --forward-to is required');
    expect(output).toContain('Usage: npm run sandbox:listen -- --forward-to <url>');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('creates an app, forwards, and exits 0 on %s', async (signal) => {
    const { code, output } = await run(
      ['--forward-to', 'http://localhost:4242/webhooks', '--base-url', `${sandbox.url}/sandbox`],
      {},
      /Ready: forwarding deliveries of ten_\w+ to http:\/\/localhost:4242\/webhooks/,
      signal,
    );
    expect(output).toMatch(/Created sandbox app ten_\w+/);
    expect(output).toMatch(/Start your receiver with AETHEX_WEBHOOK_SECRET=whsec_/);
    expect(output).toContain('Stopped.');
    expect(code).toBe(0);
  });
});
