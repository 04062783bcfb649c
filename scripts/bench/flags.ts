/** The benchmark's command-line flags, read the same whether npm kept them (`npm_config_*`) or passed them on. */

/** What `npm run bench` was asked to do. */
export type BenchFlags = {
  skipBuild: boolean;
  lighthouse: boolean;
  pagesOnly: boolean;
  sandboxOnly: boolean;
  /** Only the console's large-response measurement (./console.ts). */
  consoleOnly: boolean;
  /** Only the webhook delivery measurement (./webhooks.ts); no portal is built or started. */
  webhooksOnly: boolean;
  /** Only the MCP endpoint's latency (./mcp.ts) against the portal. */
  mcpOnly: boolean;
  /** The routes given with `--routes=/a,/b`, or `undefined` for every page. */
  routes?: string[];
  /** Lighthouse runs per page (the median is reported). */
  runs: number;
};

/**
 * Reads the flags from the arguments after `--` (`npm run bench -- --runs=3`) and from the `npm_config_*` variables
 * npm sets for flags given before `--` (`npm run bench --runs=3`: npm keeps those for itself, dashes become
 * underscores and `--no-lighthouse` becomes an empty `npm_config_lighthouse`; npm 11 warns that it will stop passing
 * unknown flags on in its next major version). A flag after `--` wins.
 * @param argv the script's arguments, `process.argv.slice(2)`
 * @param env the environment, `process.env`
 * @returns the flags, defaults filled in
 * @throws when `runs` is not a positive whole number
 */
export function readBenchFlags(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): BenchFlags {
  const flag = (name: string): string | undefined => {
    for (const arg of argv) {
      if (arg === `--${name}`) return 'true';
      if (arg.startsWith(`--${name}=`)) return arg.slice(`--${name}=`.length);
    }
    return env[`npm_config_${name.replaceAll('-', '_')}`];
  };
  // npm writes `true` for a bare flag and `''` for `--no-…`.
  const on = (value: string | undefined) => value !== undefined && value !== '' && value !== 'false';
  const runs = Number(flag('runs') ?? 1);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive whole number, got ${flag('runs')}`);
  const routes = flag('routes');
  return {
    skipBuild: on(flag('skip-build')),
    lighthouse: !on(flag('no-lighthouse')) && flag('lighthouse') !== '',
    pagesOnly: on(flag('pages-only')),
    sandboxOnly: on(flag('sandbox-only')),
    consoleOnly: on(flag('console-only')),
    webhooksOnly: on(flag('webhooks-only')),
    mcpOnly: on(flag('mcp-only')),
    ...(routes ? { routes: routes.split(',') } : {}),
    runs,
  };
}
