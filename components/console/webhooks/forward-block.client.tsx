'use client';

import Link from 'next/link';

import { CopyButton } from '@/components/copy-button.client';
import { LANGUAGE_STORAGE_KEY } from '@/components/use-language';
import { useSampleFill } from '@/components/use-sample-fill';
import { listenCommand } from '@/lib/snippets/webhook-loop';
import { guideHref } from '@/lib/urls';

import { useConsole } from '../use-console';

/**
 * "Forward to your machine": the `sandbox:listen` command for this sandbox, with the app's personal access token
 * written in the way the site's samples are (the tab's sandbox app, unless the reader chose placeholders), and links
 * to the guide's six receivers.
 * @param props.base the sandbox base URL the panel talks to
 */
export function ForwardBlock({ base }: { base: string }) {
  const { data } = useConsole();
  const { fill, placeholders } = useSampleFill();
  const token = fill && !placeholders && fill.baseUrl === base ? fill.token : undefined;
  const command = listenCommand({ baseUrl: base, ...(token ? { token } : {}) });
  // The cURL program asks the API to check a delivery; the others are receivers.
  const receivers = data.verifyLanguages.filter((lang) => lang.id !== 'curl');
  return (
    <section aria-labelledby="webhook-forward-title" className="space-y-2">
      <h3 id="webhook-forward-title" className="text-base font-semibold">
        Forward to your machine
      </h3>
      <p>
        Start a receiver on port 4242 (<code>PORT=4242</code>, <code>AETHEX_WEBHOOK_SECRET</code> set to your app’s
        webhook secret) in{' '}
        {receivers.map((lang, i) => (
          <span key={lang.id}>
            {i ? ', ' : ''}
            <Link
              href={`${guideHref('webhooks')}#verifying-signatures`}
              className="underline"
              onClick={() => localStorage.setItem(LANGUAGE_STORAGE_KEY, lang.id)}
            >
              {lang.label}
            </Link>
          </span>
        ))}
        , then run this in a clone of the portal:
      </p>
      <div className="overflow-hidden rounded border border-zinc-200 dark:border-zinc-700">
        <div className="flex items-center justify-between bg-zinc-50 px-2 py-1 dark:bg-zinc-900">
          <span className="font-mono text-xs">sandbox:listen</span>
          <CopyButton text={command} label="sandbox:listen command" />
        </div>
        <pre tabIndex={0} aria-label="sandbox:listen command" className="overflow-x-auto p-2 font-mono text-xs">
          {command}
        </pre>
      </div>
    </section>
  );
}
