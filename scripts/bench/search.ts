/**
 * Search benchmark for `npm run bench`: loads the built search index (the static output of
 * app/search-index.json in a dist dir, or a fresh in-process build when there is none), then times
 * typing-style queries (every prefix of each query, as the dialog runs one per keystroke).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

import MiniSearch from 'minisearch';

import { buildSearchIndex } from '../../lib/search/build';
import { INDEX_OPTIONS, type SearchDoc } from '../../lib/search/options';
import { runQuery } from '../../lib/search/query';

/** Queries typed one keystroke at a time. */
const QUERIES = [
  '429',
  'metrics',
  'listProjects',
  'member.invited',
  'idempotency key',
  'rate limit',
  'webhook signature',
  'auto_deploy',
  'pagination link',
  'oauth pkce',
];

/** Figures of one run: gzip size of the index in bytes, per-keystroke query time in milliseconds. */
export type SearchBench = {
  indexBytes: number;
  indexBytesGzip: number;
  queries: number;
  medianMs: number;
  p95Ms: number;
};

/**
 * Loads the index and times every keystroke-prefix of QUERIES (after 3 warm-up passes).
 * @param options.distDir dist dir of a build (default `.next-bench`); its `server/app/search-index.json.body` is used if present
 * @returns sizes in bytes and median / 95th-percentile milliseconds per query
 */
export async function benchSearch({ distDir = '.next-bench' }: { distDir?: string } = {}): Promise<SearchBench> {
  const built = path.join(process.cwd(), distDir, 'server', 'app', 'search-index.json.body');
  const json = existsSync(built) ? readFileSync(built, 'utf8') : await buildSearchIndex();
  const index = MiniSearch.loadJSON<SearchDoc>(json, INDEX_OPTIONS);
  const keystrokes = QUERIES.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)));
  for (let i = 0; i < 3; i++) keystrokes.forEach((q) => runQuery(index, q));
  const times = keystrokes.map((q) => {
    const start = performance.now();
    runQuery(index, q);
    return performance.now() - start;
  });
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return {
    indexBytes: Buffer.byteLength(json),
    indexBytesGzip: gzipSync(json).length,
    queries: times.length,
    medianMs: at(0.5),
    p95Ms: at(0.95),
  };
}
