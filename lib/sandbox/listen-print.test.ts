/** What sandbox:listen prints of network text: every C0/C1 control, DEL and bidi control removed, spaces kept. */
import { describe, expect, it } from 'vitest';

import { printable } from './listen-print';

describe('printable', () => {
  it('removes C0, DEL and C1 controls and keeps plain spaces and other characters', () => {
    const c0 = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join('');
    const c1 = Array.from({ length: 33 }, (_, code) => String.fromCharCode(0x7f + code)).join('');
    expect(printable(`a ${c0}b${c1} c → Zoë 🚀\u00a0`)).toBe('a b c → Zoë 🚀\u00a0');
  });

  it('removes bidirectional controls, which reorder what the terminal shows', () => {
    expect(printable('msg_\u202eevil\u202c \u2066x\u2069\u200e\u200f\u061c')).toBe('msg_evil x');
  });
});
