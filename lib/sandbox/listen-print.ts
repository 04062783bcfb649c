/**
 * What sandbox:listen may print of text that came from the network (the inbox stream, the sandbox's answers, the
 * receiver's errors). A --base-url is whatever the developer typed, so the stream may be hostile: an escape sequence
 * in a tenant ID or a message ID could clear the terminal, move the cursor to forge an earlier "→ … 204" line, set
 * the window title or, in some terminals, write to the clipboard.
 */

/**
 * C0 controls (U+0000–U+001F, CR, LF, TAB and ESC among them), DEL and C1 controls (U+0080–U+009F, CSI U+009B
 * included), and the bidirectional formatting characters, which reorder what the terminal shows ("Trojan Source").
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` without control characters, safe to print on one terminal line.
 * @param text any string (a field of a stream event, a problem's detail, an error message)
 * @returns the same text with every C0/C1 control, DEL and bidirectional control removed; plain spaces are kept
 */
export function printable(text: string): string {
  return text.replace(CONTROLS, '');
}
