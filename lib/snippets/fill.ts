/**
 * The "filled" variant of a sample: the server generates and highlights it with these sentinels as literal values
 * (SampleOptions), and the browser swaps in the tab's sandbox app (lib/sandbox-session.ts) after hydration, in the
 * highlighted HTML and the copied text alike, so no generator or highlighter ships to the browser. Browser-safe.
 *
 * Each sentinel is capital letters only: every grammar we highlight keeps it inside one token (inside a string, a
 * run of letters is never split), HTML escaping leaves it as is, and none is a prefix of another.
 * lib/snippets/fill.test.ts checks both for every sample, and that the document never contains one.
 */
import { escapeUTF8 } from 'entities/escape';

/** The literal SampleOptions of the filled variant; `origin` stands for the portal's own origin in guides. */
export const FILL_SENTINELS = {
  baseUrl: 'AETHEXFILLBASEURL',
  token: 'AETHEXFILLTOKEN',
  clientId: 'AETHEXFILLCLIENTID',
  clientSecret: 'AETHEXFILLCLIENTSECRET',
  webhookSecret: 'AETHEXFILLWEBHOOKSECRET',
  origin: 'AETHEXFILLORIGIN',
} as const;

/** The values that replace the sentinels (lib/sandbox-session.ts `SampleFill`, or just the origin). */
export type FillValues = Partial<Record<keyof typeof FILL_SENTINELS, string>>;

/** Every sentinel at once, so a value that happens to contain another sentinel's text is never replaced again. */
const PATTERN = new RegExp(Object.values(FILL_SENTINELS).join('|'), 'g');
const NAMES = Object.fromEntries(Object.entries(FILL_SENTINELS).map(([name, sentinel]) => [sentinel, name])) as Record<
  string,
  keyof typeof FILL_SENTINELS
>;

/**
 * `text` with each sentinel that has a value in `values` replaced by it (HTML-escaped when `html`); sentinels
 * without a value stay.
 */
export function fillSentinels(text: string, values: FillValues, html = false): string {
  return text.replace(PATTERN, (sentinel) => {
    const value = values[NAMES[sentinel] ?? 'origin'];
    if (value === undefined) return sentinel;
    return html ? escapeUTF8(value) : value;
  });
}

/** True when `text` holds any sentinel. */
export function hasSentinel(text: string): boolean {
  return new RegExp(PATTERN.source).test(text);
}
