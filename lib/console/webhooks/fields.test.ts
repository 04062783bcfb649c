import { describe, expect, it } from 'vitest';

import { fieldErrors, formProblem } from './fields';

describe('fieldErrors', () => {
  it('puts each JSON pointer next to the field it names, in words, without the pointer', () => {
    const errors = fieldErrors(
      {
        '/url': 'points at 127.0.0.1, a loopback address',
        '/events/1': 'is not a documented event',
        '/events': 'must not repeat member.invited',
        '/description': 'must be at most 256 characters',
        '': 'must be a JSON object',
      },
      ['member.invited', 'nope'],
    );
    expect(errors).toEqual({
      url: 'The URL points at 127.0.0.1, a loopback address.',
      events: 'Event nope is not a documented event. Must not repeat member.invited.',
      other: 'Description must be at most 256 characters. Must be a JSON object.',
    });
    for (const text of Object.values(errors)) expect(text).not.toMatch(/\/(url|events|description)/);
    expect(fieldErrors({})).toEqual({});
  });
});

describe('formProblem', () => {
  const detail =
    'The endpoint is invalid: /url points at 127.0.0.1, a loopback address. Send {"url": "https://…", "events"?: [...]}.';

  it('does not repeat a field error in the status line, nor show the request-body hint', () => {
    const errors = fieldErrors({ '/url': 'points at 127.0.0.1, a loopback address' });
    const line = formProblem(detail, errors);
    expect(line).toBe('Not added: see the fields above.');
    expect(line).not.toContain('127.0.0.1');
  });

  it('without field errors, says the detail without the hint', () => {
    expect(formProblem('This app has 10 endpoints, the most allowed. Send {"url": "…"}.', {})).toBe(
      'Not added: This app has 10 endpoints, the most allowed.',
    );
    expect(formProblem(detail, fieldErrors({ '': 'must be a JSON object' }))).toBe('Not added: Must be a JSON object.');
  });
});
