'use client';

import { useState } from 'react';

import { CopyButton } from '@/components/copy-button.client';
import { maskSecret } from '@/lib/console/redact';

import { secondaryButtonClass } from './ui';

/**
 * A secret shown masked by default, with Reveal/Hide and Copy (copies the real value).
 * @param props.label what the secret is, e.g. "Client secret"; props.value the secret itself
 */
export function SecretField({ label, value }: { label: string; value: string }) {
  const [revealed, setRevealed] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="w-44 shrink-0 text-zinc-700 dark:text-zinc-300">{label}</span>
      <code
        className="min-w-0 rounded bg-zinc-100 px-1.5 py-0.5 break-all dark:bg-zinc-800"
        aria-label={revealed ? label : `${label} (hidden)`}
      >
        {revealed ? value : maskSecret(value)}
      </code>
      <button
        type="button"
        className={secondaryButtonClass}
        aria-pressed={revealed}
        onClick={() => setRevealed(!revealed)}
      >
        {revealed ? 'Hide' : 'Reveal'} <span className="sr-only">{label}</span>
      </button>
      <CopyButton text={value} label={label} />
    </div>
  );
}

/** A non-secret value with a Copy button (tenant ID, client ID). */
export function PlainField({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="w-44 shrink-0 text-zinc-700 dark:text-zinc-300">{label}</span>
      <code className="min-w-0 rounded bg-zinc-100 px-1.5 py-0.5 break-all dark:bg-zinc-800">{value}</code>
      <CopyButton text={value} label={label} />
    </div>
  );
}
