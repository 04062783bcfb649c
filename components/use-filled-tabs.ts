import { useMemo } from 'react';

import { fillSentinels, type FillValues } from '@/lib/snippets/fill';

import type { CodeTab } from './code-tabs.client';
import { usePortalOrigin } from './use-portal-origin';
import { useSampleFill } from './use-sample-fill';

/**
 * The tabs as this tab of the browser shows them: each tab's filled variant with the sandbox app's values while the
 * tab has an app and the reader has not chosen placeholders, else the placeholder variant; the portal origin filled
 * in either. `marker` is set when the group has a filled variant and the tab an app (what SampleFillMarker shows).
 * @param origin the server's idea of the portal origin (PORTAL_URL), for the server render and hydration
 */
export function useFilledTabs(tabs: readonly CodeTab[], origin: string | undefined) {
  const { fill, placeholders } = useSampleFill();
  const portal = usePortalOrigin(origin ?? '');
  const fillable = tabs.some((tab) => tab.filled);
  const filled = Boolean(fill && fillable && !placeholders);
  const shown = useMemo(() => {
    const values: FillValues = { ...(origin ? { origin: portal } : {}), ...(filled ? fill : {}) };
    if (Object.keys(values).length === 0) return tabs;
    return tabs.map((tab) => {
      const variant = filled && tab.filled ? tab.filled : tab;
      return { ...tab, html: fillSentinels(variant.html, values, true), source: fillSentinels(variant.source, values) };
    });
  }, [tabs, fill, filled, origin, portal]);
  return { tabs: shown, marker: fill && fillable ? { fill, placeholders } : undefined };
}
