'use client';

import { usePortalOrigin } from '@/components/use-portal-origin';
import { fillSentinels } from '@/lib/snippets/fill';

import { CodeFigure } from './code-figure';

/**
 * A highlighted code block under a title row holding its Copy button (so the button never covers code on a phone),
 * with the portal origin filled in where the text holds the origin sentinel (lib/snippets/fill.ts).
 * @param props.html highlighted HTML; props.source the text copied; props.origin the server's portal origin
 */
export function TitledCode({
  title,
  html,
  source,
  origin,
}: {
  title: string;
  html: string;
  source: string;
  origin: string;
}) {
  const values = { origin: usePortalOrigin(origin) };
  return <CodeFigure title={title} html={fillSentinels(html, values, true)} source={fillSentinels(source, values)} />;
}
