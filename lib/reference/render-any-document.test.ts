import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

import { expectPageOf } from './page-checks.test-support';
import { renderDocumentPages } from './render-document';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(json|ya?ml)$/.test(name) ? [full] : [];
  });
}

/**
 * Every operation page of every document in @readme/oas-examples renders with the site's operation page
 * component; the large public description has its own file (render-large-document.test.ts).
 */
describe('the reference pages cope with any valid OpenAPI 3.0/3.1 document', () => {
  const root = path.join(process.cwd(), 'node_modules/@readme/oas-examples');
  const documents = ['3.0', '3.1'].flatMap((version) => files(path.join(root, version)));
  const parse = (file: string) =>
    YAML.parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 }) as Record<string, unknown>;

  it('finds the @readme/oas-examples documents', () => {
    expect(documents.length).toBeGreaterThan(100);
  });

  for (const file of documents) {
    it(`renders the page of every operation of ${path.relative(root, file)}`, async () => {
      await renderDocumentPages(parse(file), expectPageOf);
    });
  }

  it('links circular references to the field or schema they repeat instead of expanding them', async () => {
    const links: string[] = [];
    for (const file of documents.filter((candidate) => /circular/.test(candidate))) {
      await renderDocumentPages(parse(file), (_operation, html) => {
        links.push(
          ...[...html.matchAll(/<a href="#[^"]+" class="underline"><span class="ref-type">([^<]*)<\/span><\/a>/g)].map(
            (match) => match[1] ?? '',
          ),
        );
      });
    }
    expect(links.length).toBeGreaterThan(0);
    for (const label of links) expect(label).toMatch(/circular: /);
  });
});
