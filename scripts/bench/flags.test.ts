import { describe, expect, it } from 'vitest';

import { readBenchFlags } from './flags';

const defaults = {
  skipBuild: false,
  lighthouse: true,
  pagesOnly: false,
  sandboxOnly: false,
  consoleOnly: false,
  webhooksOnly: false,
  mcpOnly: false,
  runs: 1,
};

describe('readBenchFlags', () => {
  it('defaults to a full run with one Lighthouse run per page', () => {
    expect(readBenchFlags([], {})).toEqual(defaults);
  });

  it('reads flags given after `--`', () => {
    expect(
      readBenchFlags(['--runs=3', '--pages-only', '--routes=/a,/b', '--skip-build', '--no-lighthouse'], {}),
    ).toEqual({ ...defaults, runs: 3, pagesOnly: true, routes: ['/a', '/b'], skipBuild: true, lighthouse: false });
    expect(readBenchFlags(['--webhooks-only'], {})).toEqual({ ...defaults, webhooksOnly: true });
    expect(readBenchFlags(['--mcp-only'], {})).toEqual({ ...defaults, mcpOnly: true });
  });

  it('reads what npm sets for flags given before `--` (npm run bench --runs=3 --no-lighthouse …)', () => {
    const env = {
      npm_config_runs: '3',
      npm_config_pages_only: 'true',
      npm_config_routes: '/a,/b',
      npm_config_skip_build: 'true',
      npm_config_sandbox_only: 'true',
      npm_config_console_only: 'true',
      npm_config_webhooks_only: 'true',
      npm_config_mcp_only: 'true',
      npm_config_lighthouse: '',
    };
    expect(readBenchFlags([], env)).toEqual({
      runs: 3,
      pagesOnly: true,
      routes: ['/a', '/b'],
      skipBuild: true,
      sandboxOnly: true,
      consoleOnly: true,
      webhooksOnly: true,
      mcpOnly: true,
      lighthouse: false,
    });
  });

  it('lets a flag after `--` win over npm’s variable, and rejects a runs count that is not a positive whole number', () => {
    expect(readBenchFlags(['--runs=5'], { npm_config_runs: '3' }).runs).toBe(5);
    expect(readBenchFlags([], { npm_config_skip_build: 'false' }).skipBuild).toBe(false);
    expect(() => readBenchFlags(['--runs=0'], {})).toThrow(/positive whole number/);
    expect(() => readBenchFlags([], { npm_config_runs: 'three' })).toThrow(/positive whole number/);
  });
});
