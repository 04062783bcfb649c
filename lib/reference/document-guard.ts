/**
 * Browser-only helpers that undo what an embedded widget (Scalar) leaves in the shared document after
 * client-side navigation: `<style>`/`<link>` elements it added to `<head>`, body classes
 * (`dark-mode`, `light-mode`, `scalar-…`) and inline styles on `<html>`/`<body>`.
 */

/** What `<head>`, `<html>` and `<body>` looked like before the widget mounted. */
export interface DocumentSnapshot {
  head: Set<Element>;
  bodyClasses: Set<string>;
  htmlClasses: Set<string>;
  bodyStyle: string | null;
  htmlStyle: string | null;
}

/** Records the current state of `document` (call before the widget mounts). */
export function captureDocument(doc: Document = document): DocumentSnapshot {
  return {
    head: new Set(Array.from(doc.head.children)),
    bodyClasses: new Set(Array.from(doc.body.classList)),
    htmlClasses: new Set(Array.from(doc.documentElement.classList)),
    bodyStyle: doc.body.getAttribute('style'),
    htmlStyle: doc.documentElement.getAttribute('style'),
  };
}

function setStyle(element: HTMLElement, value: string | null) {
  if (value === null) element.removeAttribute('style');
  else element.setAttribute('style', value);
}

/**
 * Restores `document` to `snapshot`: removes `<style>` and stylesheet `<link>` elements added since,
 * removes body/html classes added since (except `keepHtmlClasses`, e.g. the theme class next-themes owns)
 * and puts the inline `style` attributes back.
 * @returns the head elements removed, to {@link reattach} if the widget mounts again (its module-level
 *   style injections run only once per page load)
 */
export function restoreDocument(
  snapshot: DocumentSnapshot,
  keepHtmlClasses: readonly string[] = [],
  doc: Document = document,
): Element[] {
  const removed: Element[] = [];
  for (const element of Array.from(doc.head.children)) {
    const isStyle =
      element.tagName === 'STYLE' || (element.tagName === 'LINK' && element.getAttribute('rel') === 'stylesheet');
    if (isStyle && !snapshot.head.has(element)) {
      element.remove();
      removed.push(element);
    }
  }
  for (const name of Array.from(doc.body.classList))
    if (!snapshot.bodyClasses.has(name)) doc.body.classList.remove(name);
  for (const name of Array.from(doc.documentElement.classList)) {
    if (!snapshot.htmlClasses.has(name) && !keepHtmlClasses.includes(name)) doc.documentElement.classList.remove(name);
  }
  setStyle(doc.body, snapshot.bodyStyle);
  setStyle(doc.documentElement, snapshot.htmlStyle);
  return removed;
}

/** Puts head elements removed by {@link restoreDocument} back, in their original order. */
export function reattach(elements: readonly Element[], doc: Document = document): void {
  for (const element of elements) doc.head.appendChild(element);
}
