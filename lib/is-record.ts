/** True when `value` is a plain (non-array, non-null) object: the one guard for untyped JSON in the portal. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
