'use client';

import Link from 'next/link';
import { useState } from 'react';

import { CopyButton } from '@/components/copy-button.client';
import { LANGUAGE_STORAGE_KEY } from '@/components/use-language';
import { currentBaseUrl } from '@/lib/console/actions';
import { fetchWithoutCredentials } from '@/lib/console/send';
import { tamperOneByte, type Delivery } from '@/lib/console/webhook';
import { guideHref } from '@/lib/urls';

import { buttonClass, inputClass } from './ui';
import { useConsole, useConsoleState } from './use-console';

type Verdict = { ok: boolean; text: string };

/**
 * Webhook playground: the sandbox signs a delivery of the chosen event for the current app; the three
 * Standard Webhooks headers and the raw body are shown copyable; Verify calls the verifyWebhook operation,
 * with one byte flipped when "tamper" is on.
 */
export function WebhookPlayground() {
  const { data, store } = useConsole();
  const bearer = useConsoleState((s) => s.app?.personal_access_token ?? s.token?.accessToken);
  const [event, setEvent] = useState(data.events[0]?.event ?? '');
  const [delivery, setDelivery] = useState<Delivery | { error: string }>();
  const [tamper, setTamper] = useState(false);
  const [verdict, setVerdict] = useState<Verdict>();
  const call = async (path: string, body: unknown) => {
    const response = await fetchWithoutCredentials(fetch)(`${currentBaseUrl(store.getState(), data)}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer ?? ''}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  };
  const payload =
    delivery && 'payload' in delivery ? (tamper ? tamperOneByte(delivery.payload).text : delivery.payload) : '';
  return (
    <div className="space-y-3 text-sm">
      {bearer ? null : (
        <p>Create a sandbox app (or get a token) first: deliveries are signed with that app&apos;s webhook secret.</p>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <label>
          <span className="font-medium">Event</span>
          <select className={`${inputClass} mt-1`} value={event} onChange={(e) => setEvent(e.target.value)}>
            {data.events.map((ev) => (
              <option key={ev.event} value={ev.event}>
                {ev.event}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className={buttonClass}
          disabled={!bearer}
          onClick={async () => {
            setVerdict(undefined);
            try {
              const { status, json } = await call('/webhooks/emit', { event });
              setDelivery(
                status === 200
                  ? (json as unknown as Delivery)
                  : { error: `${status}: ${String(json.detail ?? json.title ?? 'emit failed')}` },
              );
            } catch {
              setDelivery({ error: 'The sandbox could not be reached.' });
            }
          }}
        >
          Emit signed delivery
        </button>
      </div>
      {delivery && 'error' in delivery ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {delivery.error}
        </p>
      ) : null}
      {delivery && 'payload' in delivery ? (
        <>
          <dl className="grid gap-1">
            {Object.entries(delivery.headers).map(([name, value]) => (
              <div key={name} className="flex flex-wrap items-center gap-2">
                <dt className="w-40 font-mono">{name}</dt>
                <dd className="min-w-0 font-mono break-all">{value}</dd>
                <CopyButton text={value} label={name} />
              </div>
            ))}
          </dl>
          <div className="flex items-center justify-between">
            <span className="font-medium">Raw body{tamper ? ' (tampered: one byte changed)' : ''}</span>
            <CopyButton text={payload} label="raw body" />
          </div>
          <pre
            tabIndex={0}
            aria-label="Raw delivery body"
            className="max-h-48 overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs break-all whitespace-pre-wrap dark:bg-zinc-900"
          >
            {payload}
          </pre>
          <div className="flex flex-wrap items-center gap-3">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={tamper}
                onChange={(e) => {
                  setTamper(e.target.checked);
                  setVerdict(undefined);
                }}
              />{' '}
              Tamper with one byte
            </label>
            <button
              type="button"
              className={buttonClass}
              onClick={async () => {
                try {
                  const { status, json } = await call(data.webhookVerifyPath, { payload, headers: delivery.headers });
                  setVerdict(
                    status === 200
                      ? { ok: true, text: `Valid signature: ${String(json.event_type)} ${String(json.webhook_id)}` }
                      : { ok: false, text: `Rejected (${status}): ${String(json.detail ?? json.title ?? '')}` },
                  );
                } catch {
                  setVerdict({ ok: false, text: 'The API could not be reached.' });
                }
              }}
            >
              Verify
            </button>
          </div>
          {verdict ? (
            <p
              role="status"
              className={`font-medium ${verdict.ok ? 'text-green-800 dark:text-green-300' : 'text-red-700 dark:text-red-300'}`}
            >
              {verdict.text}
            </p>
          ) : null}
        </>
      ) : null}
      <p>
        Verify it in your own code:{' '}
        {data.verifyLanguages.map((lang, i) => (
          <span key={lang.id}>
            {i ? ' · ' : ''}
            <Link
              href={`${guideHref('webhooks')}#verifying-signatures`}
              className="underline"
              onClick={() => localStorage.setItem(LANGUAGE_STORAGE_KEY, lang.id)}
            >
              {lang.label}
            </Link>
          </span>
        ))}
      </p>
    </div>
  );
}
