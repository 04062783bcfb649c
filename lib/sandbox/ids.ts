import { createHash, hash, randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random identifier `prefix + length` alphanumeric characters (rejection sampling, no modulo bias).
 * @param prefix - e.g. `prj_` (the document's ID patterns, e.g. `^prj_[A-Za-z0-9]{16}$`).
 * @param length - number of random characters.
 */
export function randomId(prefix: string, length: number): string {
  let out = prefix;
  while (out.length < prefix.length + length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < prefix.length + length) out += ALPHANUMERIC[byte % 62];
    }
  }
  return out;
}

/**
 * Whether `value` has the shape randomId(prefix, length) gives: `prefix` and `length` ASCII letters or digits.
 * Path IDs are checked with it before any query: PostgreSQL refuses text holding U+0000, which would be a 500.
 */
export function isRandomId(value: string, prefix: string, length: number): boolean {
  return (
    value.length === prefix.length + length &&
    value.startsWith(prefix) &&
    /^[A-Za-z0-9]*$/.test(value.slice(prefix.length))
  );
}

/** `bytes` random bytes (CSPRNG) as `2 × bytes` lower-case hex characters. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** SHA-256 hex digest of a secret: how tokens, codes, client secrets and PATs are stored (never in clear). */
export function sha256Hex(value: string | Uint8Array): string {
  // One-shot hash (Node ≥ 20.12): a third of createHash's cost, and it runs on every authenticated request.
  return hash('sha256', value, 'hex');
}

/** base64url SHA-256 of an ASCII string: the PKCE S256 transform (RFC 7636 §4.2). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
