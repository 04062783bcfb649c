import { isValidElement, type ReactNode } from 'react';

import { highlight } from '@/lib/highlight';
import { AUTHORED_ORIGIN, siteUrl } from '@/lib/site';
import { FILL_SENTINELS } from '@/lib/snippets/fill';

import { OriginCode } from './origin-code.client';

/** A fenced code block as MDX hands it over: its language (from `language-x`) and raw text. */
export type FencedCode = { lang: string; code: string };

/**
 * Reads the language and text of an MDX `<pre><code className="language-x">text</code></pre>`.
 * @returns `undefined` when `node` is not such a code block
 */
export function fencedCode(node: ReactNode): FencedCode | undefined {
  if (!isValidElement<{ children?: ReactNode }>(node)) return undefined;
  const code = node.props.children;
  if (!isValidElement<{ className?: string; children?: ReactNode }>(code)) return undefined;
  const text = code.props.children;
  if (typeof text !== 'string') return undefined;
  const lang = /language-([\w-]+)/.exec(code.props.className ?? '')?.[1] ?? 'text';
  return { lang, code: text.replace(/\n$/, '') };
}

/** `code` with the authored portal origin (`http://localhost:3000`) as the origin sentinel of lib/snippets/fill.ts. */
export function withOriginSentinel(code: string): string {
  return code.replaceAll(AUTHORED_ORIGIN, FILL_SENTINELS.origin);
}

/**
 * The MDX `pre` element: highlights the block on the server (lib/highlight.ts, light and dark
 * themes) and adds a copy button that copies exactly the source text, with the portal's real origin
 * where the guide wrote `http://localhost:3000`.
 * @throws Error from highlight() when the fence names a language it does not load (fails the build)
 */
export async function FencedCodeBlock({ children }: { children?: ReactNode }) {
  const block = fencedCode(<pre>{children}</pre>);
  if (!block) return <pre className="overflow-x-auto rounded-lg p-4 text-sm">{children}</pre>;
  const source = withOriginSentinel(block.code);
  const html = await highlight(source, block.lang);
  return (
    <div
      data-copyable=""
      className="relative my-5 overflow-hidden rounded-lg border border-zinc-200 text-sm dark:border-zinc-700"
    >
      <OriginCode html={html} source={source} origin={siteUrl()} />
    </div>
  );
}
