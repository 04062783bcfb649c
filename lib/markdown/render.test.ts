import { describe, expect, it } from 'vitest';

import { markdownToText } from './render';

describe('markdownToText', () => {
  it('drops inline markup and keeps the words', () => {
    expect(markdownToText('Send `Idempotency-Key` (see [Idempotency](/docs/idempotency)) and **retry**.')).toBe(
      'Send Idempotency-Key (see Idempotency) and retry.',
    );
  });

  it('keeps one paragraph per block, joined by a blank line', () => {
    expect(markdownToText('First line\ncontinues.\n\n- one\n- two')).toBe('First line continues.\n\none; two');
  });

  it('gives an empty string for empty input', () => {
    expect(markdownToText('  \n')).toBe('');
  });
});
