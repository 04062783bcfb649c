/**
 * The webhook guide's verification programs (lib/snippets/webhook-verify.ts) against real sandbox deliveries:
 * each server program is started on a free port with AETHEX_WEBHOOK_SECRET = the tenant's `whsec_…`, then gets a
 * delivery the sandbox just signed (exact headers, raw body) → 204, and a copy with one body byte changed → 400.
 * The cURL program asks the API instead (POST /v1/webhooks/verify): valid → `"valid":true`, tampered → a 400 problem.
 * The variants filled with a sandbox app's secret run twice more: started with AETHEX_WEBHOOK_SECRET and a different
 * default (the variable wins, as when a receiver is started with a registered endpoint's secret), and without it (the
 * default is used).
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
  WEBHOOK_VERIFY_SNIPPETS,
  webhookVerifySnippets,
  type WebhookVerifySnippet,
} from '@/lib/snippets/webhook-verify';

import { freePort, run, sampleEnv, start, stop } from './process';
import type { createReport } from './report';

type Delivery = { payload: string; headers: Record<string, string> };

interface Context {
  baseUrl: string;
  token: string;
  webhookSecret: string;
  work: string;
  goCache: string;
  root: string;
  report: ReturnType<typeof createReport>;
  emit: () => Promise<Delivery>;
}

/** The delivery with one byte of its body changed (the signature no longer matches). */
function tamper(delivery: Delivery): Delivery {
  const i = Math.floor(delivery.payload.length / 2);
  return {
    ...delivery,
    payload: delivery.payload.slice(0, i) + (delivery.payload[i] === 'x' ? 'y' : 'x') + delivery.payload.slice(i + 1),
  };
}

const COMMANDS: Record<Exclude<WebhookVerifySnippet['id'], 'curl'>, (file: string) => [string, string[]]> = {
  javascript: (f) => [process.execPath, [f]],
  python: (f) => ['python3', [f]],
  go: (f) => ['go', ['run', f]],
  java: (f) => ['java', [f]],
  ruby: (f) => ['ruby', [f]],
};

async function post(port: number, delivery: Delivery): Promise<number | string> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/webhooks`, {
      method: 'POST',
      headers: { ...delivery.headers, 'content-type': 'application/json' },
      body: delivery.payload,
    });
    return response.status;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A valid `whsec_` secret that signs nothing the sandbox sends: the default that must lose to the variable. */
const DECOY_SECRET = `whsec_${Buffer.from('not the secret of this delivery').toString('base64')}`;

/** How a server program is started: which secret it is filled with (none: the placeholder) and which it is given. */
interface Variant {
  label: string;
  filledWith?: string;
  env: Record<string, string>;
}

async function checkServer(snippet: WebhookVerifySnippet, dir: string, ctx: Context, variant: Variant) {
  const [command, args] = COMMANDS[snippet.id as keyof typeof COMMANDS](snippet.filename);
  const port = await freePort();
  const receiver = start(command, args, dir, sampleEnv(ctx.work, ctx.goCache, { ...variant.env, PORT: String(port) }));
  const problems: string[] = [];
  try {
    // Wait until it listens (go run and java compile first): a GET answers with some status once it is up.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && receiver.child.exitCode === null) {
      if (
        typeof (await fetch(`http://127.0.0.1:${port}/`).then(
          (r) => r.status,
          () => 'down',
        )) === 'number'
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const delivery = await ctx.emit();
    const valid = await post(port, delivery);
    if (valid !== 204) problems.push(`real signed delivery → ${valid}, expected 204`);
    const tampered = await post(port, tamper(delivery));
    if (tampered !== 400) problems.push(`delivery with one changed byte → ${tampered}, expected 400`);
  } finally {
    stop(receiver.child);
  }
  return {
    problems,
    output: receiver.output(),
    command: `cd ${dir} && ${variant.env.AETHEX_WEBHOOK_SECRET ? 'AETHEX_WEBHOOK_SECRET=whsec_… ' : ''}PORT=${port} ${path.basename(command)} ${args.join(' ')}`,
  };
}

async function checkCurl(snippet: WebhookVerifySnippet, dir: string, ctx: Context) {
  const problems: string[] = [];
  let output = '';
  for (const [name, delivery, expect] of [
    ['real', await ctx.emit(), '"valid":true'],
    ['tampered', tamper(await ctx.emit()), '"status":400'],
  ] as const) {
    writeFileSync(path.join(dir, 'delivery.json'), delivery.payload);
    const vars = {
      AETHEX_BASE_URL: ctx.baseUrl,
      AETHEX_TOKEN: ctx.token,
      WEBHOOK_ID: delivery.headers['webhook-id'] ?? '',
      WEBHOOK_TIMESTAMP: delivery.headers['webhook-timestamp'] ?? '',
      WEBHOOK_SIGNATURE: delivery.headers['webhook-signature'] ?? '',
    };
    const result = await run('sh', [snippet.filename], dir, sampleEnv(ctx.work, ctx.goCache, vars));
    output += `--- ${name} ---\n${result.stdout}${result.stderr}\n`;
    if (result.code !== 0) problems.push(`${name} delivery: exit code ${result.code}`);
    if (!result.stdout.replace(/\s/g, '').includes(expect)) problems.push(`${name} delivery: output lacks ${expect}`);
  }
  return {
    problems,
    output,
    command: `cd ${dir} && AETHEX_BASE_URL=… AETHEX_TOKEN=… WEBHOOK_ID=… WEBHOOK_TIMESTAMP=… WEBHOOK_SIGNATURE=… sh ${snippet.filename}`,
  };
}

/** The program of `variant` written to a fresh directory, ready to run. */
function prepare(snippet: WebhookVerifySnippet, ctx: Context, variant: Variant): string {
  const code =
    variant.filledWith === undefined
      ? snippet.code
      : webhookVerifySnippets({ webhookSecret: variant.filledWith }).find((s) => s.id === snippet.id)!.code;
  const dir = mkdtempSync(path.join(ctx.work, `webhook-${snippet.id}-`));
  writeFileSync(path.join(dir, snippet.filename), code);
  // `npm install standardwebhooks` in the reader's project: here the portal's node_modules.
  if (snippet.id === 'javascript') symlinkSync(path.join(ctx.root, 'node_modules'), path.join(dir, 'node_modules'));
  if (snippet.id === 'go') mkdirSync(path.join(ctx.work, 'gopath'), { recursive: true });
  return dir;
}

/** One pool task per verification program and variant; each adds its result to the report. */
export function checkReceivers(ctx: Context): (() => Promise<void>)[] {
  const variants: Variant[] = [
    { label: 'webhook receiver (guide)', env: { AETHEX_WEBHOOK_SECRET: ctx.webhookSecret } },
    {
      label: 'webhook receiver filled, AETHEX_WEBHOOK_SECRET set',
      filledWith: DECOY_SECRET,
      env: { AETHEX_WEBHOOK_SECRET: ctx.webhookSecret },
    },
    { label: "webhook receiver filled with the app's secret", filledWith: ctx.webhookSecret, env: {} },
  ];
  return WEBHOOK_VERIFY_SNIPPETS.flatMap((snippet) =>
    (snippet.id === 'curl' ? variants.slice(0, 1) : variants).map((variant) => async () => {
      const dir = prepare(snippet, ctx, variant);
      const outcome =
        snippet.id === 'curl' ? await checkCurl(snippet, dir, ctx) : await checkServer(snippet, dir, ctx, variant);
      ctx.report.add({ operation: variant.label, language: snippet.id, ...outcome });
    }),
  );
}
