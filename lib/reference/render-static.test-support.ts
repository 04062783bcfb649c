/**
 * Test support: renders a React tree (async server components included) to static HTML with
 * react-dom/server, the way `next build` prerenders a page.
 */
import type { ReactElement } from 'react';
import { renderToReadableStream } from 'react-dom/server';

/** The complete HTML of `element` after every async component resolved. */
export async function renderStatic(element: ReactElement): Promise<string> {
  const stream = await renderToReadableStream(element, {
    onError: (error) => {
      throw error;
    },
  });
  await stream.allReady;
  return new Response(stream).text();
}
