import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

import { chromium } from '@playwright/test';

import { chromiumArgs, chromiumPath } from '../../tests/chromium';

const execFileAsync = promisify(execFile);

/** One benchmarked route: first-visit JavaScript and Lighthouse mobile scores (0–100). */
export type PageRow = {
  route: string;
  jsFiles: number;
  jsBytes: number;
  jsGzipBytes: number;
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
};

/**
 * Measures the JavaScript a first visit to `route` downloads, in a fresh Chromium profile: the sum of every
 * script response body (raw bytes) and of each body gzipped at level 9 (what a compressing server sends).
 * @param baseUrl e.g. `http://localhost:3200`
 * @param route path such as `/docs/quickstart`
 * @returns file count and byte totals
 */
export async function firstVisitJs(baseUrl: string, route: string) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    const bodies: Promise<Buffer | null>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') bodies.push(response.body().catch(() => null));
    });
    await page.goto(baseUrl + route, { waitUntil: 'networkidle' });
    const buffers = (await Promise.all(bodies)).filter((b): b is Buffer => b !== null);
    return {
      jsFiles: buffers.length,
      jsBytes: buffers.reduce((n, b) => n + b.length, 0),
      jsGzipBytes: buffers.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
    };
  } finally {
    await browser.close();
  }
}

/**
 * Runs Lighthouse 12 (mobile preset, its default) against one URL in Debian's Chromium.
 * @param url absolute URL
 * @returns category scores as integers 0–100
 * @throws Error when Lighthouse fails three times or writes no report
 */
export async function lighthouseScores(url: string) {
  // Lighthouse sometimes fails to record the trace (NO_NAVSTART) on a busy machine: retry before giving up.
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouseOnce(url);
    } catch (error) {
      if (attempt >= 3) throw error;
      console.warn(`lighthouse ${url}: attempt ${attempt} failed, retrying`);
    }
  }
}

async function lighthouseOnce(url: string) {
  const dir = await mkdtemp(join(tmpdir(), 'lh-'));
  const out = join(dir, 'report.json');
  try {
    await execFileAsync(
      'npx',
      [
        'lighthouse',
        url,
        `--chrome-path=${chromiumPath}`,
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking',
        '--only-categories=performance,accessibility,best-practices,seo',
        '--output=json',
        `--output-path=${out}`,
        '--quiet',
      ],
      { maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
    );
    const report = JSON.parse(await readFile(out, 'utf8')) as { categories: Record<string, { score: number | null }> };
    const score = (id: string) => Math.round((report.categories[id]?.score ?? 0) * 100);
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The median of a non-empty list of numbers (the lower middle for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? -1;
}

/**
 * Benchmarks each route: first-visit JS, then Lighthouse. Routes are measured one after another so they do
 * not compete for the 2 cores. Lighthouse's performance score moves by several points between runs on a
 * 2-core machine, so with `runs` > 1 each category reports its median over the runs.
 * @param baseUrl server to measure
 * @param routes paths that answer 200
 * @param options.lighthouse false to skip Lighthouse (scores then read -1)
 * @param options.runs Lighthouse runs per route (default 1)
 */
export async function benchPages(
  baseUrl: string,
  routes: string[],
  options: { lighthouse?: boolean; runs?: number } = {},
): Promise<PageRow[]> {
  const rows: PageRow[] = [];
  for (const route of routes) {
    const js = await firstVisitJs(baseUrl, route);
    const runs: Awaited<ReturnType<typeof lighthouseScores>>[] = [];
    for (let run = 0; run < (options.lighthouse === false ? 0 : Math.max(1, options.runs ?? 1)); run++)
      runs.push(await lighthouseScores(baseUrl + route));
    const pick = (key: keyof (typeof runs)[number]) =>
      runs.length === 0 ? -1 : median(runs.map((scores) => scores[key]));
    rows.push({
      route,
      ...js,
      performance: pick('performance'),
      accessibility: pick('accessibility'),
      bestPractices: pick('bestPractices'),
      seo: pick('seo'),
    });
  }
  return rows;
}
