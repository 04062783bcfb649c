/**
 * A one-byte tamper that must make verification fail: the Webhooks panel checks a delivery's signature on a copy
 * changed this way to show that one byte is enough.
 */

/**
 * `payload` with exactly one character changed (one byte for ASCII text): the first letter or digit
 * of the first string value after `"type"` is swapped for a different one, so the JSON stays valid
 * and only the signature check can tell. Falls back to the middle character.
 * @returns the tampered text and the changed index
 */
export function tamperOneByte(payload: string): { text: string; index: number } {
  const typeAt = payload.indexOf('"type"');
  const from = typeAt === -1 ? Math.floor(payload.length / 2) : payload.indexOf(':', typeAt) + 1;
  let index = payload.slice(from).search(/[A-Za-z0-9]/);
  index = index === -1 ? Math.floor(payload.length / 2) : from + index;
  const char = payload[index] ?? '';
  const replacement = /[0-9]/.test(char) ? String((Number(char) + 1) % 10) : char === 'x' ? 'y' : 'x';
  return { text: payload.slice(0, index) + replacement + payload.slice(index + 1), index };
}
