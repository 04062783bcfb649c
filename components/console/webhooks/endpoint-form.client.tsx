'use client';

import { useState, type FormEvent } from 'react';

import { ApiProblem, createEndpoint, type WebhookApiContext } from '@/lib/console/webhooks/api';
import { fieldErrors, formProblem } from '@/lib/console/webhooks/fields';

import { buttonClass, inputClass } from '../ui';
import { useConsole } from '../use-console';

const ERROR = 'mt-1 text-xs font-medium text-red-700 dark:text-red-300';

/**
 * Registers an endpoint: its URL and the events it subscribes to (every documented event ticked by default). The
 * sandbox's field errors are shown in words next to their fields (aria-describedby), and under the form only what
 * they do not already say (lib/console/webhooks/fields.ts).
 * @param props.onCreated re-reads the endpoint list
 */
export function EndpointForm({ ctx, onCreated }: { ctx: WebhookApiContext; onCreated: () => Promise<void> }) {
  const { data } = useConsole();
  const all = data.events.map((e) => e.event);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<readonly string[]>(all);
  const [problem, setProblem] = useState<{ error: ApiProblem; events: readonly string[] }>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem?.error.fields ?? {}, problem?.events);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await createEndpoint(ctx, { url: url.trim(), events });
      setProblem(undefined);
      setUrl('');
      await onCreated();
    } catch (error) {
      setProblem({
        error: error instanceof ApiProblem ? error : new ApiProblem((error as Error).message, null),
        events,
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="space-y-2 rounded-lg bg-zinc-50 p-3 dark:bg-zinc-900" noValidate>
      <label className="block">
        <span className="font-medium">Endpoint URL</span>
        <input
          className={`${inputClass} mt-1 font-mono`}
          type="url"
          inputMode="url"
          placeholder="https://example.com/webhooks"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={errors.url ? true : undefined}
          aria-describedby={errors.url ? 'endpoint-url-error' : undefined}
        />
      </label>
      {errors.url ? (
        <p id="endpoint-url-error" className={ERROR}>
          {errors.url}
        </p>
      ) : null}
      <fieldset aria-describedby={errors.events ? 'endpoint-events-error' : undefined}>
        <legend className="font-medium">Events</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {all.map((event) => (
            <label key={event} className="flex items-center gap-1.5 font-mono text-xs">
              <input
                type="checkbox"
                checked={events.includes(event)}
                onChange={(e) =>
                  setEvents(
                    e.target.checked
                      ? all.filter((x) => x === event || events.includes(x))
                      : events.filter((x) => x !== event),
                  )
                }
              />
              {event}
            </label>
          ))}
        </div>
        {errors.events ? (
          <p id="endpoint-events-error" className={ERROR}>
            {errors.events}
          </p>
        ) : null}
      </fieldset>
      <button type="submit" className={buttonClass} aria-disabled={busy || undefined}>
        Add endpoint
      </button>
      {problem ? (
        <p role="alert" className="font-medium text-red-700 dark:text-red-300">
          {formProblem(problem.error.message, errors)}
        </p>
      ) : null}
    </form>
  );
}
