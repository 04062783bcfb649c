import { isRecord } from '@/lib/is-record';

/**
 * The per-schema facts a reader needs beside the type: nullability, access modifiers, format,
 * constraints, enum/const/default/examples. Handles OpenAPI 3.0 (`nullable`, `example`, boolean
 * `exclusiveMinimum`) and 3.1 / JSON Schema 2020-12 (`type` arrays, `examples`, numeric exclusives).
 */

/** Display facts of one schema; values are JSON text, shortened. */
export interface SchemaMeta {
  description?: string;
  title?: string;
  format?: string;
  nullable: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  deprecated: boolean;
  enumValues?: string[];
  constValue?: string;
  defaultValue?: string;
  examples: string[];
  /** Human-readable constraints, e.g. `≥ 1`, `length ≤ 255`, `pattern ^prj_…$`. */
  constraints: string[];
}

/** The last segment of a `$ref` (`#/components/schemas/Project` → `Project`), pointer-unescaped. */
export function refName(ref: string): string {
  const last = ref.split('/').at(-1) ?? ref;
  try {
    return decodeURIComponent(last).replace(/~1/g, '/').replace(/~0/g, '~') || ref;
  } catch {
    return last || ref;
  }
}

/**
 * A value as compact JSON text, cut at `max` characters so a huge example cannot blow up a page.
 * @returns JSON text (strings quoted), or `String(value)` for what JSON cannot express
 */
export function formatValue(value: unknown, max = 120): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function num(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function constraintsOf(s: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (num(s.exclusiveMinimum)) out.push(`> ${s.exclusiveMinimum}`);
  if (num(s.minimum)) out.push(`${s.exclusiveMinimum === true ? '>' : '≥'} ${s.minimum}`);
  if (num(s.exclusiveMaximum)) out.push(`< ${s.exclusiveMaximum}`);
  if (num(s.maximum)) out.push(`${s.exclusiveMaximum === true ? '<' : '≤'} ${s.maximum}`);
  if (num(s.multipleOf)) out.push(`multiple of ${s.multipleOf}`);
  const ranges: [string, unknown, unknown][] = [
    ['length', s.minLength, s.maxLength],
    ['items', s.minItems, s.maxItems],
    ['properties', s.minProperties, s.maxProperties],
  ];
  for (const [what, min, max] of ranges) {
    if (num(min) && num(max)) out.push(min === max ? `${what} = ${min}` : `${what} ${min}–${max}`);
    else if (num(min)) out.push(`${what} ≥ ${min}`);
    else if (num(max)) out.push(`${what} ≤ ${max}`);
  }
  if (s.uniqueItems === true) out.push('unique items');
  if (typeof s.pattern === 'string') out.push(`pattern ${s.pattern}`);
  return out;
}

function hasNullType(s: Record<string, unknown>): boolean {
  if (s.nullable === true || s.type === 'null') return true;
  if (Array.isArray(s.type) && s.type.includes('null')) return true;
  const alternatives = [s.oneOf, s.anyOf].filter(Array.isArray).flat() as unknown[];
  return alternatives.some((option) => isRecord(option) && option.type === 'null');
}

/**
 * Reads the display facts of one (already merged) schema.
 * @param s the schema object; unknown keywords are ignored
 */
export function describeMeta(s: Record<string, unknown>): SchemaMeta {
  const examples = [...(Array.isArray(s.examples) ? s.examples : []), ...('example' in s ? [s.example] : [])];
  return {
    description: typeof s.description === 'string' ? s.description : undefined,
    title: typeof s.title === 'string' ? s.title : undefined,
    format: typeof s.format === 'string' ? s.format : undefined,
    nullable: hasNullType(s),
    readOnly: s.readOnly === true,
    writeOnly: s.writeOnly === true,
    deprecated: s.deprecated === true,
    enumValues: Array.isArray(s.enum) ? s.enum.slice(0, 50).map((v) => formatValue(v, 60)) : undefined,
    constValue: 'const' in s ? formatValue(s.const) : undefined,
    defaultValue: 'default' in s ? formatValue(s.default) : undefined,
    examples: examples.slice(0, 3).map((v) => formatValue(v)),
    constraints: constraintsOf(s),
  };
}
