/**
 * SampleOptions → the plan's literal values. Browser-safe (the console bundles it through ./request-sample).
 */
import type { LiteralVariable, SampleOptions, SamplePlan } from './types';

/**
 * The `literals` of a plan for `options`: each value given, keyed by the environment variable it replaces.
 * @returns `{}` when no option is given (the plan then reads everything from the environment, as before)
 */
export function literalsOf(options: SampleOptions): Pick<SamplePlan, 'literals'> {
  const values: [LiteralVariable, string | undefined][] = [
    ['AETHEX_BASE_URL', options.baseUrl?.replace(/\/+$/, '')],
    ['AETHEX_TOKEN', options.token ?? options.includeToken],
    ['AETHEX_CLIENT_ID', options.clientId],
    ['AETHEX_CLIENT_SECRET', options.clientSecret],
  ];
  const literals = Object.fromEntries(values.filter(([, value]) => value !== undefined));
  return Object.keys(literals).length ? { literals } : {};
}
