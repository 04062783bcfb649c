import { isValidElement, type ReactNode } from 'react';

import { CopyButton } from '@/components/copy-button.client';
import { highlight } from '@/lib/highlight';

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

/**
 * The MDX `pre` element: highlights the block on the server (lib/highlight.ts, light and dark
 * themes) and adds a copy button that copies exactly the source text.
 * @throws Error from highlight() when the fence names a language it does not load (fails the build)
 */
export async function FencedCodeBlock({ children }: { children?: ReactNode }) {
  const block = fencedCode(<pre>{children}</pre>);
  if (!block) return <pre className="overflow-x-auto rounded-lg p-4 text-sm">{children}</pre>;
  const html = await highlight(block.code, block.lang);
  return (
    <div
      data-copyable=""
      className="relative my-5 overflow-hidden rounded-lg border border-zinc-200 text-sm dark:border-zinc-700"
    >
      <div className="absolute top-2 right-2 z-10 bg-white/90 dark:bg-zinc-900/90">
        <CopyButton text={block.code} label="code" />
      </div>
      <div
        data-code-block=""
        className="[&_pre]:overflow-x-auto [&_pre]:p-4 [&_pre]:pr-20"
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </div>
  );
}
