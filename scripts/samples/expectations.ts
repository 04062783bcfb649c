/**
 * What a sample run must show, shared by the standalone runner (scripts/run-samples.ts) and the run against the
 * portal's mounted sandbox (tests/e2e/samples-mounted.spec.ts): the documented success status, the variables the
 * reference page documents besides base URL and credentials, and the checks on a run's output.
 */
import type { Operation } from '@/lib/openapi';

import type { RunResult } from './process';

/** A signed delivery as `POST /sandbox/webhooks/emit` returns it. */
export type Delivery = { payload: string; headers: Record<string, string> };

/** The documented success status of an operation (its lowest 2xx response). @throws Error when it documents none */
export function successStatus(operation: Operation): number {
  const statuses = Object.keys(operation.responses)
    .filter((s) => /^2\d\d$/.test(s))
    .map(Number)
    .sort((a, b) => a - b);
  if (statuses[0] === undefined) throw new Error(`${operation.operationId} documents no 2xx response`);
  return statuses[0];
}

/**
 * The AETHEX_* variables of an operation other than base URL and credentials (from the document, not the generator):
 * AETHEX_PROJECT_ID for a `projectId` path parameter, and for verifyWebhook the parts of a real delivery.
 */
export function operationVariables(
  operation: Operation,
  values: { projectId: string; delivery?: Delivery },
): Record<string, string> {
  const vars: Record<string, string> = {};
  if (operation.parameters.some((p) => p.in === 'path' && p.name === 'projectId'))
    vars.AETHEX_PROJECT_ID = values.projectId;
  if (operation.operationId === 'verifyWebhook' && values.delivery) {
    const { payload, headers } = values.delivery;
    Object.assign(vars, {
      AETHEX_WEBHOOK_PAYLOAD: payload,
      AETHEX_WEBHOOK_ID: headers['webhook-id'],
      AETHEX_WEBHOOK_TIMESTAMP: headers['webhook-timestamp'],
      AETHEX_WEBHOOK_SIGNATURE: headers['webhook-signature'],
    });
  }
  return vars;
}

/** Problems of one run: a non-zero exit, a printed status other than `expected`, no X-Request-ID. */
export function outputProblems(result: RunResult, expected: number): string[] {
  const problems: string[] = [];
  if (result.code !== 0) problems.push(`exit code ${result.code}, expected 0`);
  const status = /^HTTP (\d{3})\s*$/m.exec(result.stdout)?.[1];
  if (status !== String(expected)) problems.push(`printed status ${status ?? '(none)'}, expected HTTP ${expected}`);
  if (!/^X-Request-ID: \S+\s*$/m.test(result.stdout)) problems.push('printed no X-Request-ID');
  return problems;
}
