/**
 * Resolves the console's target (sandbox / production / custom) to a base URL without a trailing slash.
 */
import type { TargetKind } from './store';
import type { ConsoleData } from './types';

/**
 * The base URL requests go to.
 * @param origin the console page's origin (the built-in sandbox is mounted on it)
 * @returns e.g. `http://localhost:3140/sandbox`, `https://api.aethex.dev`, or the custom URL trimmed.
 * @throws TypeError when the custom URL is not an absolute http(s) URL.
 */
export function baseUrlFor(
  target: TargetKind,
  customUrl: string,
  servers: ConsoleData['servers'],
  origin: string,
): string {
  if (target === 'sandbox') return `${origin}${servers.sandbox}`.replace(/\/+$/, '');
  if (target === 'production') return servers.production.replace(/\/+$/, '');
  const url = new URL(customUrl.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('Use an http:// or https:// URL');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** True when the target offers the sandbox-only endpoints (apps, webhook emit, maintenance, rate-limit). */
export function hasSandboxTools(target: TargetKind): boolean {
  return target !== 'production';
}
