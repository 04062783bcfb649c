/**
 * Keeps secrets out of what the console stores or shows by default: tokens (`atx_`, `rtx_`, `pat_`,
 * `at_`, `rt_`), client secrets (`cs_`), webhook secrets (`whsec_`) and Authorization values.
 */

const SECRET = /\b(atx|rtx|pat|at|rt|cs|whsec)_[A-Za-z0-9+/=_-]{4,}/g;

/** `text` with every AeThex secret replaced by its prefix and `…` (e.g. `atx_…`). */
export function redactText(text: string): string {
  return text.replace(SECRET, (_, prefix: string) => `${prefix}_…`);
}

/**
 * Request headers safe to keep in history: Authorization and Cookie values become `<scheme> …`
 * (`Bearer …`), other values go through `redactText`.
 */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      const lower = name.toLowerCase();
      if (lower === 'authorization' || lower === 'cookie') return [name, `${value.split(' ')[0] ?? ''} …`.trim()];
      return [name, redactText(value)];
    }),
  );
}

/**
 * A secret masked for display: first 4 and last 4 characters kept when long enough (`atx_…9fQ2`),
 * otherwise only bullets.
 */
export function maskSecret(secret: string): string {
  if (secret.length <= 12) return '•'.repeat(Math.max(secret.length, 4));
  return `${secret.slice(0, 4)}${'•'.repeat(8)}${secret.slice(-4)}`;
}
