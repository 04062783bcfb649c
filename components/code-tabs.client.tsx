'use client';

import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

import { CopyButton } from './copy-button.client';
import { SampleFillMarker } from './sample-fill-marker.client';
import { useFilledTabs } from './use-filled-tabs';
import { useLanguage } from './use-language';

/**
 * One language of a tab group: `html` is server-highlighted markup, `source` the exact text copied. `filled` is the
 * same sample generated with lib/snippets/fill.ts sentinels, shown with the tab's sandbox app filled in.
 */
export type CodeTab = {
  id: string;
  label: string;
  html: string;
  source: string;
  filled?: { html: string; source: string };
};

/**
 * Language tabs for a code sample (WAI-ARIA APG tabs pattern, automatic activation: Left/Right
 * arrows, Home, End). The choice is shared by every group on the site (see use-language.ts).
 * Only the selected panel takes part in layout (`.code-panel[data-selected=false]` is `display:none`),
 * which keeps style and layout work small on pages with many samples; the stored choice is applied
 * before paint by CodeLanguageBoot's rules, so hydration never swaps panels under the reader.
 * @param props.tabs languages in tab order (the first is the server default), at least one
 * @param props.title optional heading content shown left of the tabs (e.g. "Request")
 * @param props.origin the portal origin (PORTAL_URL) when the tabs' text holds the origin sentinel (guides)
 */
export function CodeTabs(props: { tabs: readonly CodeTab[]; title?: ReactNode; origin?: string }) {
  const { title } = props;
  const { tabs, marker } = useFilledTabs(props.tabs, props.origin);
  const group = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const [selected, select] = useLanguage(tabs.map((tab) => tab.id));
  const current = tabs.find((tab) => tab.id === selected) ?? tabs[0];

  function onKeyDown(event: KeyboardEvent, index: number) {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: tabs.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = (target + tabs.length) % tabs.length;
    select(tabs[next]?.id ?? '');
    buttons.current[next]?.focus();
  }

  const copy = current ? <CopyButton text={current.source} label={`${current.label} sample`} /> : null;
  return (
    <div className="code-tabs my-4 overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-700">
      {/* With a title, title and Copy take a row of their own, so the six tabs keep one line in a narrow panel. */}
      {title ? (
        <div className="flex items-center justify-between gap-2 bg-zinc-50 px-3 pt-1.5 dark:bg-zinc-900">
          <div className="text-sm font-semibold">{title}</div>
          {copy}
        </div>
      ) : null}
      <div className="flex items-center gap-2 border-b border-zinc-200 bg-zinc-50 px-2 dark:border-zinc-700 dark:bg-zinc-900">
        <div role="tablist" aria-label="Code sample language" className="flex flex-1 overflow-x-auto">
          {tabs.map((tab, index) => (
            <button
              key={tab.id}
              ref={(element) => {
                buttons.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`${group}-tab-${tab.id}`}
              aria-controls={`${group}-panel-${tab.id}`}
              aria-selected={tab === current}
              tabIndex={tab === current ? 0 : -1}
              onClick={() => select(tab.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
              className="code-tab"
            >
              {tab.label}
            </button>
          ))}
        </div>
        {title ? null : copy}
      </div>
      {marker ? <SampleFillMarker {...marker} /> : null}
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${group}-panel-${tab.id}`}
          aria-labelledby={`${group}-tab-${tab.id}`}
          data-language={tab.id}
          data-selected={tab === current}
          className="code-panel"
          dangerouslySetInnerHTML={{ __html: tab.html }}
        />
      ))}
    </div>
  );
}
