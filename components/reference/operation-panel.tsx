import type { ReactNode } from 'react';

import { highlight } from '@/lib/highlight';
import type { Operation, RefResolver } from '@/lib/openapi';
import { responseExamples } from '@/lib/reference/response-examples';

import { ResponseExampleSwitcher, type ResponseChoice } from './response-example-switcher.client';

/**
 * The side panel of an operation page: the request sample, then the response example switcher over every
 * documented status and named example (highlighted here, on the server).
 * @param props.operation a resolved operation
 * @param props.samples the request sample (CodeSample tabs), or `null` for documents without samples
 * @param props.resolve resolves `$ref`s among named examples (models built with `inlineSchemas: false`)
 * @param props.successOnly show only 2xx examples (the reference overview's first call)
 */
export async function OperationPanel({
  operation,
  samples,
  resolve,
  successOnly = false,
}: {
  operation: Operation;
  samples: ReactNode;
  resolve?: RefResolver;
  successOnly?: boolean;
}) {
  const examples = responseExamples(operation, resolve).filter((example) => example.success || !successOnly);
  const choices: ResponseChoice[] = await Promise.all(
    examples.map(async (example) => {
      const headers = example.headers.map(([name, value]) => `${name}: ${value}`).join('\n');
      const parts = [
        headers ? await highlight(headers, 'http') : '',
        example.body === undefined
          ? '<p class="px-3 py-2 text-xs">No body.</p>'
          : await highlight(example.body, /json/i.test(example.mediaType ?? '') ? 'json' : 'text'),
      ];
      const { id, status, label, success } = example;
      return { id, status, label, success, html: parts.join(''), body: example.body ?? '' };
    }),
  );
  const initial = choices.find((choice) => choice.success) ?? choices[0];
  return (
    <div className="flex flex-col gap-4 [&_.code-panel_pre]:max-h-[30vh] [&_.code-tab]:px-1.5 [&_.code-tabs]:my-0">
      {samples}
      {initial ? <ResponseExampleSwitcher choices={choices} initial={initial.id} /> : null}
    </div>
  );
}
