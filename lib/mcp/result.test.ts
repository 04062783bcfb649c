import { afterEach, describe, expect, it, vi } from 'vitest';

import { guarded, logFailure } from './result';

afterEach(() => vi.restoreAllMocks());

const logged = () => {
  const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  return () => log.mock.calls.map((args) => args.join(' ')).join('\n');
};

describe('logFailure', () => {
  it('logs one line: control characters escaped, the call’s secrets and any Bearer credential removed, length capped', () => {
    const text = logged();
    const secret = 'ghp_SECRETSHOULDNOTBELOGGED123';
    logFailure(
      'tool sandbox_call',
      new TypeError(`Headers.set: "Bearer ${secret}\r\n[mcp] forged line\u2028x\u0000" is an invalid header value.`),
      [secret],
    );
    logFailure('request', new Error(`Bearer tok_unknownprefix0123456789 ${'y'.repeat(5000)}`));
    const out = text();
    expect(out.split('\n')).toHaveLength(2);
    expect(out).not.toContain(secret);
    expect(out).not.toContain('tok_unknownprefix');
    expect(out).toContain('\\x0d\\x0a[mcp] forged line\\u2028x\\x00');
    expect(out).toMatch(/^\[mcp\] tool sandbox_call failed: TypeError: /);
    expect(out.split('\n')[1]!.length).toBeLessThan(400);
  });

  it('logs an error’s code and survives a value that cannot be printed', () => {
    const text = logged();
    logFailure('request', Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    logFailure('request', Object.create(null));
    expect(text()).toMatch(/Error \[ECONNRESET\]: aborted\n.*\(unprintable\)/);
  });

  it('is what guarded logs, with the secrets the tool names', async () => {
    const text = logged();
    const tool = guarded(
      'demo',
      (secret: string) => {
        throw new Error(`bad ${secret}`);
      },
      (secret) => [secret],
    );
    expect((await tool('s3cr3t-value-long')).isError).toBe(true);
    expect(text()).toBe('[mcp] tool demo failed: Error: bad [redacted]');
  });
});
