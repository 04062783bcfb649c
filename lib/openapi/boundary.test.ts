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
    const violations = async (code: string, filePath = 'lib/reference/sub/probe.ts') => {
      const [result] = await eslint.lintText(`${code}\nexport const probe = x;\n`, { filePath });
      return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').length;
    };
    // Internals, by alias or by any relative path, and the document folder itself.
    expect(await violations("import { lookupPointer as x } from '@/lib/openapi/resolve';")).toBe(1);
    expect(await violations("import { getDocument as x } from '../../openapi/document';")).toBe(1);
    expect(await violations("import x from '../../../openapi/aethex.yaml';")).toBe(1);
    expect(
      await violations("import { buildApiModel as x } from '../../lib/openapi/model';", 'scripts/bench/probe.ts'),
    ).toBe(1);
    // Raw copies only where they are the point.
    expect(await violations("import { validationDocument as x } from '@/lib/openapi';")).toBe(1);
    expect(
      await violations("import { validationDocument as x } from '@/lib/openapi';", 'lib/sandbox/validate.ts'),
    ).toBe(0);
    expect(await violations("import { servedDocument as x } from '@/lib/openapi';")).toBe(1);
    expect(await violations("import { servedDocument as x } from '@/lib/openapi';", 'app/openapi.json/route.ts')).toBe(
      0,
    );
    // The model itself is for everyone.
    expect(await violations("import { listOperations as x } from '@/lib/openapi';")).toBe(0);
    expect(await violations("import { listOperations as x } from '../../openapi';")).toBe(0);
  });
});
