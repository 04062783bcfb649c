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

/** Where {@link followRefChain} ended: the object reached and the `$ref`s followed on the way. */
export interface RefChain {
  /** The object the chain ends at, with the references' sibling keys laid over it (the outermost wins). */
  readonly value: unknown;
  /** Every `$ref` followed, in order; the last one points at `value` (when `stoppedAt` is unset). */
  readonly refs: readonly string[];
  /**
   * The `$ref` the walk stopped at without following it: a cycle, a reference `stop` refused, or one the resolver
   * could not resolve. `value` is then the Reference Object reached so far (siblings laid over it).
   */
  readonly stoppedAt?: string;
}

/**
 * Follows a whole chain of Reference Objects from `value`, one `resolve` step at a time, until a non-reference.
 * OpenAPI 3.1 lets a Reference Object carry `summary`/`description` that override the target's, so sibling keys
 * are laid over the target. The one implementation of "follow the chain": the model, the validators' pointers and
 * the reference pages' schema trees and examples all use it.
 * @param value any value; a non-reference is returned as is
 * @param resolve one step: the value a `$ref` points at (possibly another reference), `undefined` when it cannot
 * @param stop refuses to follow a `$ref` (e.g. one already being expanded higher up a schema tree)
 * @returns the end of the chain; never throws unless `resolve` does
 */
export function followRefChain(
  value: Json,
  resolve: (ref: string) => unknown,
  stop?: (ref: string) => boolean,
): RefChain {
  const refs: string[] = [];
  let current = value;
  let overrides: Record<string, unknown> = {};
  const ended = (stoppedAt?: string): RefChain => ({
    value: Object.keys(overrides).length > 0 && isRecord(current) ? { ...current, ...overrides } : current,
    refs,
    ...(stoppedAt === undefined ? {} : { stoppedAt }),
  });
  while (isRecord(current) && typeof current.$ref === 'string') {
    const { $ref, ...siblings } = current;
    if (refs.includes($ref) || stop?.($ref)) return ended($ref);
    const target = resolve($ref);
    if (target === undefined) return ended($ref);
    overrides = { ...siblings, ...overrides };
    refs.push($ref);
    current = target;
  }
  return ended();
}

/**
 * Follows a chain of Reference Objects in `root` starting at `value` until a non-reference object
 * (see {@link followRefChain}).
 * @throws Error on an unresolvable or circular chain.
 */
export function followRef(root: Json, value: Json): Json {
  const chain = followRefChain(value, (ref) => lookupPointer(root, ref));
  if (chain.stoppedAt !== undefined) throw new Error(`Circular reference chain through ${chain.stoppedAt}`);
  return chain.value;
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
