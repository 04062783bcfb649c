import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { checkSignature } from './signature';

const SECRET = `whsec_${Buffer.from('a'.repeat(24)).toString('base64')}`;
const OTHER = `whsec_${Buffer.from('b'.repeat(24)).toString('base64')}`;
const PAYLOAD = '{"id":"evt_1","type":"member.invited","data":{}}';

function signed(secret: string, at = new Date(), extra = '') {
  const signature = new Webhook(secret).sign('msg_1', at, PAYLOAD);
  return {
    'webhook-id': 'msg_1',
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': extra ? `${signature} ${extra}` : signature,
  };
}

afterEach(() => vi.useRealTimers());

describe('checkSignature', () => {
  it('verifies the exact bytes with the secret that signed them', () => {
    expect(checkSignature(PAYLOAD, signed(SECRET), SECRET)).toEqual({ kind: 'verified', text: 'Signature verified' });
  });

  it('accepts a rotation header carrying the old and the new signature', () => {
    const headers = signed(SECRET, new Date(), new Webhook(OTHER).sign('msg_1', new Date(), PAYLOAD));
    expect(checkSignature(PAYLOAD, headers, OTHER).kind).toBe('verified');
    expect(checkSignature(PAYLOAD, headers, SECRET).kind).toBe('verified');
  });

  it('rejects one changed byte and another secret as a mismatch', () => {
    expect(checkSignature(PAYLOAD.replace('member', 'mamber'), signed(SECRET), SECRET).kind).toBe('mismatch');
    expect(checkSignature(PAYLOAD, signed(SECRET), OTHER).kind).toBe('mismatch');
  });

  it('reports a timestamp outside 5 minutes as such, saying whether the signature matches', () => {
    const headers = signed(SECRET, new Date(Date.now() - 10 * 60_000));
    const stale = checkSignature(PAYLOAD, headers, SECRET);
    expect(stale.kind).toBe('stale');
    expect(stale.text).toMatch(/^Timestamp outside 5 minutes: signed 10 min ago.*signature itself matches/);
    expect(checkSignature(PAYLOAD, headers, OTHER).text).toMatch(/does not match either/);
    vi.useFakeTimers({ now: Date.now() - 6 * 60_000 });
    expect(checkSignature(PAYLOAD, signed(SECRET, new Date(Date.now() + 12 * 60_000)), SECRET).text).toMatch(
      /signed 12 min in the future/,
    );
  });

  it('says why it could not check', () => {
    expect(checkSignature(PAYLOAD, signed(SECRET), undefined).text).toMatch(/does not hold the secret/);
    expect(checkSignature(PAYLOAD, { 'webhook-id': 'msg_1' }, SECRET).text).toMatch(/header is missing/);
    expect(checkSignature(PAYLOAD, null, SECRET)).toEqual({
      kind: 'unchecked',
      text: 'Not signed yet: the first attempt is on its way.',
    });
  });
});
