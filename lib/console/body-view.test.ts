import { describe, expect, it } from 'vitest';

import { downloadName } from './download';
import { HIGHLIGHT_LIMIT, splitForHighlight, tokenizeJson } from './json-tokens';

describe('large bodies (issue #18)', () => {
  it('colours at most 2,000 lines or 64 KiB, cut after a line break, and keeps every character', () => {
    const line = '  "name": "Project 1234",\n';
    const text = line.repeat(10_000);
    const { head, rest } = splitForHighlight(text);
    expect(head).toBe(line.repeat(HIGHLIGHT_LIMIT.lines));
    expect(head + rest).toBe(text);
    expect(tokenizeJson(head).filter((t) => t.kind !== 'plain').length).toBe(4 * HIGHLIGHT_LIMIT.lines);
    const long = `  "${'d'.repeat(100)}": 1,\n`.repeat(2000);
    const split = splitForHighlight(long);
    expect(split.head.length).toBeLessThanOrEqual(HIGHLIGHT_LIMIT.chars);
    expect(split.head.length).toBeGreaterThan(HIGHLIGHT_LIMIT.chars - 110);
    expect(split.head.endsWith('\n')).toBe(true);
    expect(split.head + split.rest).toBe(long);
  });

  it('leaves a body that fits whole, and cuts a single long line at the limit', () => {
    expect(splitForHighlight('{"a":1}')).toEqual({ head: '{"a":1}', rest: '' });
    expect(splitForHighlight('{\n  "a": 1\n}\n')).toEqual({ head: '{\n  "a": 1\n}\n', rest: '' });
    const blob = 'x'.repeat(HIGHLIGHT_LIMIT.chars + 10);
    expect(splitForHighlight(blob).head).toHaveLength(HIGHLIGHT_LIMIT.chars);
    expect(splitForHighlight(blob).rest).toHaveLength(10);
  });

  it('names a downloaded body after its media type', () => {
    expect(downloadName('application/problem+json; charset=utf-8')).toBe('response.json');
    expect(downloadName('text/html')).toBe('response.txt');
    expect(downloadName(undefined)).toBe('response.txt');
  });
});
