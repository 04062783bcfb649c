'use client';

import type { ConsoleParam } from '@/lib/console/types';

import { inputClass, secondaryButtonClass } from './ui';

/**
 * One parameter as a labelled control: a select for enums, a number input for integers, text otherwise;
 * the Idempotency-Key parameter gets a Generate button: a v4 UUID (crypto.randomUUID) in double quotes, since the
 * header is an RFC 8941 string and the field holds the header value exactly as it is sent.
 */
export function ParamField({
  param,
  value,
  onChange,
}: {
  param: ConsoleParam;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = `param-${param.in}-${param.name}`;
  const schema = param.schema as { type?: string; enum?: unknown[]; minimum?: number; maximum?: number };
  const common = {
    id,
    className: `${inputClass} font-mono`,
    value,
    required: param.required,
    'aria-describedby': `${id}-help`,
  };
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium">
        <code>{param.name}</code>{' '}
        <span className="text-xs font-normal text-zinc-600 dark:text-zinc-400">
          ({param.in}
          {param.required ? ', required' : ''})
        </span>
      </label>
      <div className="mt-1 flex gap-2">
        {Array.isArray(schema.enum) ? (
          <select {...common} onChange={(e) => onChange(e.target.value)}>
            {param.required ? null : <option value="">(not sent)</option>}
            {schema.enum.map((v) => (
              <option key={String(v)} value={String(v)}>
                {String(v)}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...common}
            type={schema.type === 'integer' ? 'number' : 'text'}
            min={schema.minimum}
            max={schema.maximum}
            placeholder={param.example}
            onChange={(e) => onChange(e.target.value)}
          />
        )}
        {param.role === 'idempotency-key' ? (
          <button type="button" className={secondaryButtonClass} onClick={() => onChange(`"${crypto.randomUUID()}"`)}>
            Generate
          </button>
        ) : null}
      </div>
      <p id={`${id}-help`} className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
        {param.description.split('\n\n')[0]}
      </p>
    </div>
  );
}
