import { Children, type ReactNode } from 'react';

import { CodeTabs } from '@/components/code-tabs.client';
import { toCodeTabs } from '@/components/sample-tabs';
import { siteUrl } from '@/lib/site';

import { fencedCode, withOriginSentinel } from './fenced-code-block';

/** Fence languages that mean one of the six sample languages (so tab choices sync with the reference). */
const FENCE_TO_LANGUAGE: Readonly<Record<string, string>> = {
  bash: 'curl',
  sh: 'curl',
  shell: 'curl',
  js: 'javascript',
  py: 'python',
  rb: 'ruby',
};

/**
 * Language tabs for MDX authors: wrap one fenced code block per language in `<Tabs>`. The choice is
 * the site-wide one (components/code-tabs.client.tsx), so picking Python here picks it everywhere.
 * @throws Error when a child is not a fenced code block (fails the build, naming the problem)
 */
export async function Tabs({ children }: { children: ReactNode }) {
  const samples = Children.toArray(children).map((child) => {
    const block = fencedCode(child);
    if (!block) throw new Error('<Tabs> may only contain fenced code blocks, one per language');
    return { id: FENCE_TO_LANGUAGE[block.lang] ?? block.lang, code: withOriginSentinel(block.code), lang: block.lang };
  });
  return <CodeTabs tabs={await toCodeTabs(samples)} origin={siteUrl()} />;
}
