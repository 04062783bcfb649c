import type { Options } from 'ajv';
import addFormats from 'ajv-formats';
import Ajv2020 from 'ajv/dist/2020';

/**
 * A JSON Schema 2020-12 validator (the dialect of OpenAPI 3.1) with the standard formats. `strict: false` because
 * OpenAPI schemas carry keywords JSON Schema does not know (`example`, `x-…`).
 */
export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, ...options });
  addFormats(ajv);
  return ajv;
}
