/**
 * The only code that reads openapi/aethex.yaml: the raw document, parsed once per process and deep-frozen.
 * Internal to lib/openapi/ (an ESLint rule keeps other modules out): everything else reads the model
 * (lib/openapi/index.ts), the served copies (`servedDocument*`) or, for validators, `validationDocument()`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import YAML from 'yaml';

import { isRecord } from '@/lib/is-record';

import { deepFreeze } from './resolve';

/** Where the document lives, relative to the project root (Next runs with cwd = project root). */
export const DOCUMENT_PATH = 'openapi/aethex.yaml';

/** The parsed document, loosely typed: only lib/openapi/ reads it. */
export type OpenApiDocument = Readonly<Record<string, unknown>>;

let cachedDocument: OpenApiDocument | undefined;

/**
 * The parsed OpenAPI 3.1 document, deep-frozen (mutating it throws in strict mode).
 * @throws YAMLParseError if the file is not valid YAML; Error if it is not an object.
 */
export function getDocument(): OpenApiDocument {
  if (!cachedDocument) {
    const parsed: unknown = YAML.parse(readFileSync(path.join(process.cwd(), DOCUMENT_PATH), 'utf8'));
    if (!isRecord(parsed)) throw new Error(`${DOCUMENT_PATH} is not a YAML mapping`);
    cachedDocument = deepFreeze(parsed);
  }
  return cachedDocument;
}
