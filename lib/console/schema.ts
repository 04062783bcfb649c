/**
 * Checks a JSON request body against the operation's JSON Schema 2020-12 before sending, with
 * @cfworker/json-schema (no code generation, so no `eval` under a strict CSP; it annotates the schema, hence the clone). It is loaded with
 * `import()` on the first check, keeping it out of the console's first-visit JavaScript.
 */
import type { JsonSchema } from './types';

/** One problem with the body: JSON Pointer of the field (`/name`, or '' for the root) and a message. */
export interface BodyProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * Parses and validates `bodyText` against `schema`.
 * @returns `[]` when valid; a single problem for unparseable JSON; otherwise one per failing keyword
 *   (deepest first, the validator's wrapper errors about sub-schemas removed).
 */
export async function checkBody(bodyText: string, schema: JsonSchema): Promise<BodyProblem[]> {
  let value: unknown;
  try {
    value = JSON.parse(bodyText);
  } catch (error) {
    return [{ field: '', message: `not valid JSON: ${(error as Error).message}` }];
  }
  const { Validator } = await import('@cfworker/json-schema');
  const result = new Validator(structuredClone(schema) as never, '2020-12', false).validate(value);
  const leaves = result.errors.filter(
    (error) => !['properties', 'allOf', 'anyOf', '$ref', 'items'].includes(error.keyword),
  );
  const seen = new Set<string>();
  return leaves
    .map((error) => ({ field: error.instanceLocation.replace(/^#/, ''), message: error.error }))
    .filter((problem) => {
      const key = `${problem.field} ${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
