'use client';

import type { CodeTab } from '@/components/code-tabs.client';
import { SampleFillMarker } from '@/components/sample-fill-marker.client';
import { useFilledTabs } from '@/components/use-filled-tabs';

import { CodeFigure } from './code-figure';

/**
 * The webhook loop's commands (listen, then trigger), each titled by its `label`, filled with the tab's sandbox app
 * exactly as the samples of CodeTabs are (use-filled-tabs.ts), under the same marker and placeholder switch.
 * @param props.blocks the commands, `filled` holding the lib/snippets/fill.ts sentinels; props.origin PORTAL_URL
 */
export function WebhookLoopBlocks({ blocks, origin }: { blocks: readonly CodeTab[]; origin: string }) {
  const { tabs, marker } = useFilledTabs(blocks, origin);
  return (
    <div data-webhook-loop="">
      {marker ? (
        <div className="my-3 overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-700 [&>p]:my-0! [&>p]:border-b-0">
          <SampleFillMarker {...marker} />
        </div>
      ) : null}
      {tabs.map((tab) => (
        <CodeFigure key={tab.id} title={tab.label} html={tab.html} source={tab.source} />
      ))}
    </div>
  );
}
