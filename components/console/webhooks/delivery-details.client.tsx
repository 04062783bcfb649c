'use client';

import { CopyButton } from '@/components/copy-button.client';
import type { WebhookAttempt, WebhookDelivery } from '@/lib/console/webhooks/types';

const PRE =
  'max-h-48 overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs break-all whitespace-pre-wrap dark:bg-zinc-900';

/** A delivery's exact headers and body (each copyable) and its attempt log, behind a disclosure. */
export function DeliveryDetails({ delivery }: { delivery: WebhookDelivery }) {
  const headerText = Object.entries(delivery.headers ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  return (
    <details className="text-sm">
      <summary className="cursor-pointer rounded-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
        Headers, body and attempts <span className="sr-only">of {delivery.id}</span>
      </summary>
      <div className="mt-2 space-y-2">
        <div className="flex items-center justify-between">
          <span className="font-medium">Headers</span>
          <CopyButton text={headerText} label={`headers of ${delivery.id}`} />
        </div>
        <pre tabIndex={0} aria-label={`Headers of ${delivery.id}`} className={PRE}>
          {headerText}
        </pre>
        <div className="flex items-center justify-between">
          <span className="font-medium">Body, exactly as sent</span>
          <CopyButton text={delivery.payload} label={`body of ${delivery.id}`} />
        </div>
        <pre tabIndex={0} aria-label={`Body of ${delivery.id}`} className={PRE}>
          {delivery.payload}
        </pre>
        <AttemptList attempts={delivery.attempts} next={delivery.next_attempt_at} />
      </div>
    </details>
  );
}

/** The attempt log, oldest first: trigger, time, HTTP status, duration, the error in words, the response excerpt. */
function AttemptList({ attempts, next }: { attempts: readonly WebhookAttempt[]; next: string | null }) {
  return (
    <div>
      <p className="font-medium">Attempts</p>
      {attempts.length === 0 ? <p className="text-zinc-700 dark:text-zinc-300">None yet.</p> : null}
      <ol className="space-y-1.5">
        {attempts.map((a) => (
          <li key={a.number} className="border-l-2 border-zinc-300 pl-2 dark:border-zinc-600">
            <p>
              #{a.number} · {a.trigger} ·{' '}
              <time dateTime={a.attempted_at}>{new Date(a.attempted_at).toLocaleTimeString()}</time> ·{' '}
              {a.status === null ? 'no response' : `HTTP ${a.status}`} · {Math.round(a.duration_ms)} ms · {a.outcome}
            </p>
            {a.url ? <p className="break-all text-zinc-700 dark:text-zinc-300">to {a.url}</p> : null}
            {a.error ? <p className="text-red-700 dark:text-red-300">{a.error}</p> : null}
            {a.response_excerpt ? <pre className={PRE}>{a.response_excerpt}</pre> : null}
          </li>
        ))}
      </ol>
      {next ? (
        <p className="text-zinc-700 dark:text-zinc-300">
          Next attempt at <time dateTime={next}>{new Date(next).toLocaleTimeString()}</time>.
        </p>
      ) : null}
    </div>
  );
}
