/**
 * Post-build step (`npm run build` runs it): hashes every inline <script> of every prerendered page in
 * `<distDir>/server/app/**\/*.html` (SHA-256, base64, CSP Level 3 hash-source) and writes
 * `<distDir>/csp-manifest.json` mapping page path → hashes, read by proxy.ts.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

import { parse } from 'parse5';

import { CSP_MANIFEST_FILE, type CspManifest } from '../lib/security/csp';

type Node = {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  value?: string;
  content?: Node;
};

/**
 * The inline scripts' hash sources in one HTML document.
 * @param html a full HTML document
 * @returns `sha256-<base64>` for each `<script>` without `src` (data blocks such as JSON-LD included; harmless)
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  const walk = (node: Node) => {
    if (node.nodeName === 'script' && !node.attrs?.some((a) => a.name === 'src')) {
      const text = (node.childNodes ?? []).map((c) => c.value ?? '').join('');
      hashes.add(`sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`);
    }
    for (const child of node.childNodes ?? []) walk(child);
    if (node.content) walk(node.content);
  };
  walk(parse(html) as unknown as Node);
  return [...hashes];
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? htmlFiles(join(dir, e.name))
        : Promise.resolve(e.name.endsWith('.html') ? [join(dir, e.name)] : []),
    ),
  );
  return nested.flat();
}

async function main() {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  const root = join(distDir, 'server', 'app');
  const manifest: CspManifest = {};
  for (const file of await htmlFiles(root)) {
    const path =
      '/' +
      relative(root, file)
        .replace(/\.html$/, '')
        .replace(/(^|\/)index$/, '');
    manifest[path === '/' ? '/' : path.replace(/\/$/, '')] = inlineScriptHashes(await readFile(file, 'utf8'));
  }
  await writeFile(join(distDir, CSP_MANIFEST_FILE), JSON.stringify(manifest));
  console.log(
    `csp: hashed inline scripts of ${Object.keys(manifest).length} pages into ${join(distDir, CSP_MANIFEST_FILE)}`,
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
