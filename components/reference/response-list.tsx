import type { ResponseObject } from '@/lib/openapi';
import { HeadersTable } from './headers-table';
import { Markdown } from './markdown';
import { MediaContent } from './media-content';

/**
 * Every response of an operation, one section per status: description, headers table, then each
 * body's schema and examples.
 * @param props.responses status (`'200'`, `'4XX'`, `'default'`) → resolved Response Object
 */
export function ResponseList({ responses }: { responses: Readonly<Record<string, ResponseObject>> }) {
  return (
    <div className="space-y-8">
      {Object.entries(responses).map(([status, response]) => (
        <section key={status} aria-labelledby={`response-${status}`} className="space-y-3">
          <h3 id={`response-${status}`} className="flex items-baseline gap-2 text-lg font-semibold">
            <span className={`font-mono ${/^2/.test(status) ? 'text-emerald-800 dark:text-emerald-300' : 'text-rose-800 dark:text-rose-300'}`}>{status}</span>
          </h3>
          <Markdown text={response.description} />
          {Object.keys(response.headers).length > 0 ? (
            <HeadersTable label={`Headers of the ${status} response`} headers={Object.entries(response.headers)} />
          ) : null}
          {Object.keys(response.content).length > 0 ? <MediaContent content={response.content} what={`${status} response`} /> : null}
        </section>
      ))}
    </div>
  );
}
