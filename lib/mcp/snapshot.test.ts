/**
 * The tools are a public contract: `tools/list` must equal the committed snapshot (./tools.snapshot.json), which is
 * stamped with the MCP_TOOLS_VERSION it was recorded at. A change of tools without a new version fails here, and
 * re-recording (`npm run mcp:snapshot`, i.e. MCP_SNAPSHOT_UPDATE=1) refuses to record it too: bump the version first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

import { describe, expect, it } from 'vitest';

import { testSandbox } from '@/lib/sandbox/test-helpers';

import { connectClient } from './test-helpers';
import { MCP_TOOLS_VERSION } from './version';

const FILE = new URL('./tools.snapshot.json', import.meta.url);

interface Snapshot {
  version: string;
  tools: unknown[];
}

/**
 * What the snapshot check says about a listing: `ok`, or the reason it fails. A differing listing is a failure
 * either way; the message tells whether the version must be bumped first or only the snapshot re-recorded.
 */
export function compareSnapshot(recorded: Snapshot, version: string, tools: unknown[]): string {
  const same = isDeepStrictEqual(JSON.parse(JSON.stringify(recorded.tools)), JSON.parse(JSON.stringify(tools)));
  if (same && recorded.version === version) return 'ok';
  if (same)
    return `the tools are unchanged but the snapshot says ${recorded.version}: re-record (npm run mcp:snapshot)`;
  if (recorded.version === version)
    return `tools/list changed but MCP_TOOLS_VERSION is still ${version}: bump it (lib/mcp/version.ts, semver), then npm run mcp:snapshot`;
  return `tools/list changed with the new version ${version}: re-record the snapshot (npm run mcp:snapshot)`;
}

describe('the tools contract', () => {
  it('is semver', () => {
    expect(MCP_TOOLS_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('compares listings and versions as documented', () => {
    const recorded = { version: '1.0.0', tools: [{ name: 'a' }] };
    expect(compareSnapshot(recorded, '1.0.0', [{ name: 'a' }])).toBe('ok');
    expect(compareSnapshot(recorded, '1.0.0', [{ name: 'b' }])).toMatch(/bump it/);
    expect(compareSnapshot(recorded, '2.0.0', [{ name: 'b' }])).toMatch(/re-record/);
  });

  it('tools/list equals the committed snapshot of this version', async () => {
    const client = await connectClient(testSandbox());
    const { tools } = await client.listTools();
    await client.close();
    const recorded = JSON.parse(readFileSync(FILE, 'utf8')) as Snapshot;
    const verdict = compareSnapshot(recorded, MCP_TOOLS_VERSION, tools);
    if (process.env.MCP_SNAPSHOT_UPDATE === '1' && verdict !== 'ok') {
      // Never records a changed list under the version it was published with.
      expect(verdict).not.toMatch(/bump it/);
      writeFileSync(FILE, `${JSON.stringify({ version: MCP_TOOLS_VERSION, tools }, null, 2)}\n`);
      return;
    }
    expect(verdict).toBe('ok');
  });
});
