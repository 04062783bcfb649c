import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const ROOTS = ['app', 'components', 'lib', 'scripts', 'tests'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return SOURCE.test(entry.name) ? [file] : [];
  });
}

/** Source text without block and line comments (which may name the document to explain where facts live). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

describe('only lib/openapi/ reads the raw document', () => {
  it('no other module names the document file', () => {
    const readers = ROOTS.flatMap(sourceFiles)
      .filter((file) => !file.startsWith(`lib${path.sep}openapi${path.sep}`))
      .filter((file) => /aethex\.ya?ml/.test(withoutComments(readFileSync(file, 'utf8'))));
    expect(readers).toEqual([]);
  });

  it('ESLint rejects raw-document imports outside lib/openapi/ and allows the model', async () => {
    const eslint = new ESLint();
    const lint = async (code: string) => {
      const [result] = await eslint.lintText(code, { filePath: 'lib/reference/probe.ts' });
      return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').length;
    };
    expect(await lint("import { getDocument } from '@/lib/openapi';\nexport const d = getDocument;\n")).toBe(1);
    expect(
      await lint("import { lookupPointer } from '@/lib/openapi/resolve';\nexport const l = lookupPointer;\n"),
    ).toBe(1);
    expect(await lint("import { listOperations } from '@/lib/openapi';\nexport const l = listOperations;\n")).toBe(0);
  });
});
