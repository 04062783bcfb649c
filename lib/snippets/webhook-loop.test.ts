import { execFileSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { listenCommand, triggerCommand } from './webhook-loop';

/** What a POSIX shell makes of the curl `command`: its arguments, with AETHEX_TOKEN=tok_from_env in the environment. */
function words(command: string): string[] {
  const line = command
    .replace(/^(#.*\n)+/, '')
    .replace(/\\\n/g, ' ')
    .replace(/^curl /, '')
    .trim();
  return execFileSync('sh', ['-c', `printf '%s\\n' ${line}`], {
    encoding: 'utf8',
    env: { ...process.env, AETHEX_TOKEN: 'tok_from_env' },
  })
    .trimEnd()
    .split('\n');
}

describe('webhook loop commands', () => {
  it('listen: base URL and token as environment variables, the local receiver as --forward-to', () => {
    const command = listenCommand({ baseUrl: 'http://localhost:3400/sandbox/', token: "pat_a'b" });
    expect(command).toContain(
      "AETHEX_BASE_URL='http://localhost:3400/sandbox' AETHEX_TOKEN='pat_a'\\''b' \\\n  npm run sandbox:listen -- --forward-to http://localhost:4242/webhooks",
    );
    const placeholder = listenCommand({ baseUrl: 'http://x/sandbox' });
    expect(placeholder).not.toMatch(/^[^#]*AETHEX_TOKEN=/m);
    // Without a token, the comment says what AETHEX_TOKEN is and how to export it (and the trigger's too).
    expect(placeholder).toContain(
      "# AETHEX_TOKEN is your sandbox app’s personal access token (pat_…): export AETHEX_TOKEN='pat_…'",
    );
    expect(triggerCommand('member.invited', { baseUrl: 'http://x/sandbox' })).toMatch(/^# AETHEX_TOKEN is .*export/);
    expect(triggerCommand('member.invited', { baseUrl: 'http://x/sandbox', token: 'pat_y' })).not.toContain('#');
    // Run by a shell (npm stubbed): the variables reach the command exactly, the arguments are the CLI's.
    const stub = `npm() { printf '%s\\n' "$AETHEX_BASE_URL" "$AETHEX_TOKEN" "$@"; }\n`;
    const seen = execFileSync('sh', ['-c', stub + command], { encoding: 'utf8' })
      .trimEnd()
      .split('\n');
    expect(seen).toEqual([
      'http://localhost:3400/sandbox',
      "pat_a'b",
      'run',
      'sandbox:listen',
      '--',
      '--forward-to',
      'http://localhost:4242/webhooks',
    ]);
  });

  it('trigger: the shell sends exactly the emit URL, the bearer and {"event": …}', () => {
    const placeholder = words(triggerCommand('member.invited', { baseUrl: 'http://localhost:3400/sandbox' }));
    expect(placeholder).toEqual([
      '-sS',
      '-X',
      'POST',
      'http://localhost:3400/sandbox/webhooks/emit',
      '-H',
      'Authorization: Bearer tok_from_env',
      '-H',
      'Content-Type: application/json',
      '-d',
      '{"event":"member.invited"}',
    ]);
    const filled = words(triggerCommand('deployment.failed', { baseUrl: 'http://h/sandbox', token: 'pat_$x' }));
    expect(filled[5]).toBe('Authorization: Bearer pat_$x');
    expect(filled[9]).toBe('{"event":"deployment.failed"}');
  });
});
