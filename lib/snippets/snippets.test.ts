import { readdirSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { listOperations, servedDocument } from '@/lib/openapi';

import { replaceOnce } from './generate';
import { codeSamplesExtension, LANGUAGES, sampleForOperation, sampleForRequest, samplesForOperation } from './index';
import { WEBHOOK_VERIFY_SNIPPETS, webhookVerifySnippets } from './webhook-verify';

const EXTENSION = { curl: 'sh', javascript: 'js', python: 'py', go: 'go', java: 'java', ruby: 'rb' } as const;
const operationIds = listOperations().map((operation) => operation.operationId);

describe('samples per operation and language (file snapshots, readable under __snapshots__/)', () => {
  for (const operationId of operationIds) {
    for (const { id } of LANGUAGES) {
      it(`${operationId} in ${id}`, async () => {
        await expect(sampleForOperation(operationId, id)).toMatchFileSnapshot(
          `./__snapshots__/${operationId}.${EXTENSION[id]}`,
        );
      });
    }
  }

  it('keeps no snapshot of an operation the document no longer has (a removed operation leaves none behind)', () => {
    const files = readdirSync(new URL('./__snapshots__/', import.meta.url));
    const orphans = files.filter((file) => !operationIds.includes(file.slice(0, file.lastIndexOf('.'))));
    expect(orphans).toEqual([]);
    expect(files.length).toBe(operationIds.length * LANGUAGES.length);
  });
});

describe('sample rules', () => {
  it('LANGUAGES is the contract order with shiki languages', () => {
    expect(LANGUAGES.map((l) => [l.id, l.label])).toEqual([
      ['curl', 'cURL'],
      ['javascript', 'JavaScript'],
      ['python', 'Python'],
      ['go', 'Go'],
      ['java', 'Java'],
      ['ruby', 'Ruby'],
    ]);
    expect(LANGUAGES.every((l) => l.shiki.length > 0)).toBe(true);
  });

  it.each(operationIds)('%s: reads base URL and credentials from the environment, never embeds them', (operationId) => {
    for (const [lang, source] of Object.entries(samplesForOperation(operationId))) {
      expect(source, lang).toContain('AETHEX_BASE_URL');
      expect(source, lang).toMatch(operationId === 'createToken' ? /AETHEX_CLIENT_SECRET/ : /AETHEX_TOKEN/);
      expect(source, lang).not.toMatch(/\b(atx|pat|cs|rtx)_[A-Za-z0-9]{6,}/);
      expect(source, lang).not.toContain('__AETHEX_');
      expect(source, lang).not.toContain('5f0c6a2e-8b1d-4c7a-9e3f-2d4b6a8c0e1f'); // the documented example key: never sent literally
    }
  });

  it('getProjectMetrics takes the project from AETHEX_PROJECT_ID, defaulting to the example id', () => {
    for (const source of Object.values(samplesForOperation('getProjectMetrics'))) {
      expect(source).toContain('AETHEX_PROJECT_ID');
      expect(source).toContain('prj_8fK2mQ9xLp4Rt7Vb');
    }
  });

  it('curl never uses an unquoted heredoc; python sends bytes with data=; java has a class and main', () => {
    const curl = sampleForOperation('createProject', 'curl');
    expect(curl).not.toContain('<<EOF');
    expect(curl).toContain("--data-raw '{");
    expect(sampleForOperation('createProject', 'python')).toContain('data=payload.encode("utf-8")');
    expect(sampleForOperation('createProject', 'python')).not.toContain('json=');
    expect(sampleForOperation('listProjects', 'java')).toMatch(
      /^import java\.net\.URI;[\s\S]*public class Main \{\n {4}public static void main\(String\[\] args\) throws Exception \{/,
    );
    expect(sampleForOperation('listProjects', 'go')).toMatch(/^package main\n\nimport \(/);
  });

  it('sampleForRequest embeds a token only when asked', () => {
    const request = {
      method: 'GET',
      path: '/v1/projects',
      query: [['page', '2']] as [string, string][],
      headers: { Authorization: 'Bearer atx_secret123' },
    };
    expect(sampleForRequest(request, 'curl')).not.toContain('atx_secret123');
    expect(sampleForRequest(request, 'curl')).toContain('$AETHEX_TOKEN');
    expect(sampleForRequest(request, 'python', { includeToken: 'atx_secret123' })).toContain('"atx_secret123"');
    expect(sampleForRequest(request, 'python', { token: 'atx_secret123' })).not.toContain('AETHEX_TOKEN');
  });

  it.each(operationIds)('%s: with literal options reads no AETHEX_ variable it was given, in every language', (id) => {
    const options = {
      baseUrl: 'http://localhost:3000/sandbox',
      token: 'pat_x1',
      clientId: 'cli_x2',
      clientSecret: 'cs_x3',
    };
    for (const [lang, source] of Object.entries(samplesForOperation(id, options))) {
      expect(source, lang).not.toMatch(/AETHEX_(BASE_URL|TOKEN|CLIENT_ID|CLIENT_SECRET)\b/);
      expect(source, lang).not.toContain(':?'); // no shell guard: it runs with nothing set
      expect(source, lang).toContain('http://localhost:3000/sandbox');
      expect(source, lang).toMatch(id === 'createToken' ? /cli_x2[\s\S]*cs_x3/ : /pat_x1/);
      expect(source, lang).not.toContain(id === 'createToken' ? 'pat_x1' : 'cs_x3');
    }
    // The options are independent: only the base URL literal, the credential still from the environment.
    for (const source of Object.values(samplesForOperation(id, { baseUrl: 'http://localhost:3000/sandbox' }))) {
      expect(source).not.toContain('AETHEX_BASE_URL');
      expect(source).toMatch(id === 'createToken' ? /AETHEX_CLIENT_SECRET/ : /AETHEX_TOKEN/);
    }
  });

  it('webhook receivers read AETHEX_WEBHOOK_SECRET first, the given secret only as its default (cURL: literals)', () => {
    const literal = webhookVerifySnippets({
      webhookSecret: 'whsec_c2VjcmV0',
      baseUrl: 'http://h/sandbox/',
      token: 'pat_y',
    });
    // How each language reads the variable with the app's secret as the fallback (Go: when the variable is empty).
    const fallback: Record<string, RegExp> = {
      javascript: /new Webhook\(process\.env\.AETHEX_WEBHOOK_SECRET \?\? 'whsec_c2VjcmV0'\)/,
      python: /os\.environ\.get\("AETHEX_WEBHOOK_SECRET", "whsec_c2VjcmV0"\)/,
      go: /whsec := os\.Getenv\("AETHEX_WEBHOOK_SECRET"\).*\n\tif whsec == "" \{\n\t\twhsec = "whsec_c2VjcmV0"/,
      java: /System\.getenv\(\)\.getOrDefault\("AETHEX_WEBHOOK_SECRET", "whsec_c2VjcmV0"\)/,
      ruby: /ENV\.fetch\("AETHEX_WEBHOOK_SECRET", 'whsec_c2VjcmV0'\)/,
    };
    for (const snippet of literal) {
      if (snippet.id === 'curl') {
        expect(snippet.code).not.toMatch(/AETHEX_(WEBHOOK_SECRET|BASE_URL|TOKEN)\b/);
        expect(snippet.code).toMatch(/'http:\/\/h\/sandbox\/v1\/[^']+'/);
      } else {
        expect(snippet.code, snippet.id).toMatch(fallback[snippet.id]!);
        expect(snippet.code.split('whsec_c2VjcmV0').length, snippet.id).toBe(2); // once, as the default
      }
    }
    for (const snippet of WEBHOOK_VERIFY_SNIPPETS)
      expect(snippet.code, snippet.id).toMatch(snippet.id === 'curl' ? /\$AETHEX_TOKEN/ : /AETHEX_WEBHOOK_SECRET/);
  });

  it('rejects unknown operations and languages by name', () => {
    expect(() => sampleForOperation('nope', 'curl')).toThrow(/no operation "nope"/);
    expect(() => sampleForOperation('listProjects', 'cobol')).toThrow(/unknown language "cobol"/);
  });

  it('replaceOnce fails loudly when httpsnippet output no longer matches', () => {
    expect(replaceOnce('a $b c', '$b', () => "$'", 'x')).toBe("a $' c");
    expect(() => replaceOnce('a b', 'z', () => '', 'marker')).toThrow(/expected one marker/);
    expect(() => replaceOnce('a a', 'a', () => '', 'marker')).toThrow(/found 2/);
  });
});

describe('codeSamplesExtension', () => {
  it('servedDocument(codeSamplesExtension) adds x-codeSamples in all six languages to every operation', () => {
    const input = servedDocument();
    expect(JSON.stringify(input)).not.toContain('x-codeSamples');
    const output = servedDocument(codeSamplesExtension);
    const paths = output.paths as Record<
      string,
      Record<string, { operationId?: string; 'x-codeSamples'?: { lang: string; label: string; source: string }[] }>
    >;
    const seen: string[] = [];
    for (const item of Object.values(paths)) {
      for (const operation of Object.values(item)) {
        if (!operation.operationId) continue;
        seen.push(operation.operationId);
        expect(operation['x-codeSamples']?.map((s) => s.lang)).toEqual(LANGUAGES.map((l) => l.id));
        expect(operation['x-codeSamples']?.[0]?.source).toBe(sampleForOperation(operation.operationId, 'curl'));
      }
    }
    expect(seen.sort()).toEqual([...operationIds].sort());
    expect(codeSamplesExtension('noSuchOperation')).toEqual({});
  });
});
