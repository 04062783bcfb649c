import type { LoggedExchange, LoggedMessage } from '@/lib/console/lookup';

/** A complete JSON body pretty-printed (the log keeps the bytes as sent); anything else as it is. */
function readable(message: LoggedMessage): string {
  if (!message.body || message.body_truncated) return message.body ?? '';
  try {
    return JSON.stringify(JSON.parse(message.body), null, 2);
  } catch {
    return message.body;
  }
}

function Message({ title, line, message }: { title: string; line: string; message: LoggedMessage }) {
  const headers = Object.entries(message.headers);
  return (
    <section aria-label={title} className="min-w-0">
      <h3 className="text-sm font-semibold">{title}</h3>
      <p className="mt-1 font-mono text-xs break-all">{line}</p>
      {headers.length ? (
        <dl className="mt-1 grid grid-cols-1 gap-x-3 font-mono text-xs sm:grid-cols-[max-content_minmax(0,1fr)]">
          {headers.map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="text-zinc-600 dark:text-zinc-400">{name}</dt>
              <dd className="mb-1 break-all sm:mb-0">{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {message.body ? (
        <pre
          tabIndex={0}
          aria-label={`${title} body`}
          className="mt-2 max-h-64 overflow-auto rounded-lg bg-zinc-50 p-2 font-mono text-xs whitespace-pre-wrap dark:bg-zinc-900"
        >
          {readable(message)}
        </pre>
      ) : null}
      {message.body_truncated ? (
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          Body cut: {message.body_bytes.toLocaleString('en')} bytes in all.
        </p>
      ) : null}
    </section>
  );
}

/** One logged exchange: the request line, headers and body, then the response's status, headers and body. */
export function ExchangeView({ exchange }: { exchange: LoggedExchange }) {
  const { request, response } = exchange;
  const query = request.query ? `?${request.query.replace(/^\?/, '')}` : '';
  return (
    <div className="space-y-3 text-sm" data-testid="looked-up-exchange">
      <p className="text-zinc-700 dark:text-zinc-300">
        <code className="font-mono">{exchange.request_id}</code> · {new Date(exchange.received_at).toLocaleString()} ·{' '}
        {exchange.duration_ms} ms
      </p>
      <Message title="Request" line={`${request.method} ${request.path}${query}`} message={request} />
      <Message title="Response" line={`HTTP ${response.status}`} message={response} />
    </div>
  );
}
