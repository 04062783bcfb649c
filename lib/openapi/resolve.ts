/**
 * Reference resolution for an in-memory OpenAPI 3.0/3.1 document: local JSON pointers only
 * (`#/components/...`), which is all the AeThex document uses. Internal to lib/openapi/.
 */
import { isRecord } from '@/lib/is-record';

type Json = unknown;

/**
 * Looks up a local reference (RFC 6901 JSON pointer in a URI fragment, e.g.
 * `#/components/schemas/Project`) in `root`.
 * @returns the referenced value, unresolved (it may itself be a `$ref`).
 * @throws Error when the reference is not local (`#/…`) or points at nothing.
 */
export function lookupPointer(root: Json, ref: string): Json {
  if (!ref.startsWith('#')) throw new Error(`Only local references are supported, got ${ref}`);
  const tokens = ref === '#' ? [] : ref.slice(1).split('/').slice(1);
  let node: Json = root;
  for (const raw of tokens) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(token)) node = node[Number(token)];
    else if (isRecord(node) && Object.hasOwn(node, token)) node = node[token];
    else throw new Error(`Unresolvable reference ${ref}: no "${token}"`);
  }
  return node;
}

/**
 * Follows a chain of Reference Objects starting at `value` until a non-reference object.
 * OpenAPI 3.1 lets a Reference Object carry `summary`/`description` that override the
 * target's; any sibling keys are therefore laid over the target.
 * @throws Error on an unresolvable or circular chain.
 */
export function followRef(root: Json, value: Json): Json {
  const seen = new Set<string>();
  let current = value;
  let overrides: Record<string, unknown> = {};
  while (isRecord(current) && typeof current.$ref === 'string') {
    const { $ref, ...siblings } = current;
    if (seen.has($ref)) throw new Error(`Circular reference chain through ${$ref}`);
    seen.add($ref);
    overrides = { ...siblings, ...overrides };
    current = lookupPointer(root, $ref);
  }
  return Object.keys(overrides).length > 0 && isRecord(current) ? { ...current, ...overrides } : current;
}

/**
 * Returns a deep copy of `value` with every local `$ref` replaced by its target (siblings laid
 * over it). A reference that would recurse into itself is kept as a `$ref`, so cyclic schemas
 * stay finite.
 */
export function resolveDeep(root: Json, value: Json, stack: readonly string[] = []): Json {
  if (Array.isArray(value)) return value.map((item) => resolveDeep(root, item, stack));
  if (!isRecord(value)) return value;
  if (typeof value.$ref === 'string') {
    if (stack.includes(value.$ref)) return { ...value };
    return resolveDeep(root, followRef(root, value), [...stack, value.$ref]);
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) out[key] = resolveDeep(root, child, stack);
  return out;
}

/** Freezes `value` and everything reachable from it, so cached results cannot be mutated by callers. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
