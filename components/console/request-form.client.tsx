'use client';

import { selectedOperation, sendSelected, valuesOf } from '@/lib/console/actions';
import { paramKey, type FormValues } from '@/lib/console/request';

import { BodyEditor } from './body-editor.client';
import { OperationPicker } from './operation-picker.client';
import { ParamField } from './param-field.client';
import { buttonClass, Panel, secondaryButtonClass } from './ui';
import { useConsole, useConsoleState } from './use-console';

/** The request builder generated from the chosen operation: parameters, body, scopes needed, Send. */
export function RequestForm() {
  const { data, store } = useConsole();
  const operation = useConsoleState((s) => selectedOperation(s, data));
  const values = useConsoleState((s) => s.values[operation.operationId]) ?? valuesOf(store.getState(), operation);
  const sending = useConsoleState((s) => s.sending);
  const hasProblems = useConsoleState((s) => s.bodyProblems.length > 0);
  const update = (next: FormValues) =>
    store.setState((s) => ({ ...s, values: { ...s.values, [operation.operationId]: next } }));
  return (
    <Panel id="request" title="Request">
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (!store.getState().sending) void sendSelected(store, data);
        }}
      >
        <OperationPicker />
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {operation.summary}
          {operation.scopes.length ? (
            <>
              {' '}
              · needs <code>{operation.scopes.join(', ')}</code>
            </>
          ) : null}
          {operation.auth === 'client-basic'
            ? ' · authenticates with the sandbox app’s client ID and secret (HTTP Basic)'
            : ''}
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          {operation.parameters.map((param) => (
            <ParamField
              key={paramKey(param)}
              param={param}
              value={values.params[paramKey(param)] ?? ''}
              onChange={(value) => update({ ...values, params: { ...values.params, [paramKey(param)]: value } })}
            />
          ))}
        </div>
        {operation.body ? (
          <BodyEditor
            key={operation.operationId}
            body={operation.body}
            value={values.body}
            onChange={(body) => update({ ...values, body })}
          />
        ) : null}
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={buttonClass} aria-disabled={sending}>
            {sending ? 'Sending…' : `Send ${operation.method} ${operation.path}`}
          </button>
          {hasProblems ? (
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={() => void sendSelected(store, data, { skipCheck: true })}
            >
              Send anyway
            </button>
          ) : null}
        </div>
      </form>
    </Panel>
  );
}
