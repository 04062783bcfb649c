import { describe, expect, it } from 'vitest';

import { fieldErrors } from './fields';

describe('fieldErrors', () => {
  it('puts each JSON pointer next to the field it names', () => {
    expect(
      fieldErrors({
        '/url': 'Use an absolute https:// URL.',
        '/events/1': 'Unknown event nope.',
        '/events': 'Duplicate event member.invited.',
        '/description': 'At most 256 characters.',
      }),
    ).toEqual({
      url: 'Use an absolute https:// URL.',
      events: 'Unknown event nope. Duplicate event member.invited.',
      other: 'At most 256 characters.',
    });
    expect(fieldErrors({})).toEqual({});
  });
});
