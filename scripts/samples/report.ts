/** The sample runner's result list and failure report: one entry per check, printed at the end. */

/** One finished check: what ran, how to repeat it, what went wrong (empty when it passed) and its output. */
export interface CheckResult {
  operation: string;
  language: string;
  command: string;
  problems: string[];
  output: string;
}

const OUTPUT_LINES = 15;

/**
 * A collector that prints one line per check as it finishes, and at the end a failure report (operation,
 * language, command, problems, first lines of output) followed by the line `N passed, M failed`.
 */
export function createReport() {
  const results: CheckResult[] = [];
  return {
    add(result: CheckResult): void {
      results.push(result);
      console.log(
        `${result.problems.length ? 'FAIL' : 'ok  '} ${result.operation} × ${result.language}${result.problems.length ? `: ${result.problems[0]}` : ''}`,
      );
    },
    /** Prints the report; returns the number of failed checks. */
    print(elapsedMs: number): number {
      const failures = results.filter((r) => r.problems.length > 0);
      for (const failure of failures) {
        console.log(`\n✗ operation ${failure.operation}, language ${failure.language}`);
        console.log(`  command: ${failure.command}`);
        for (const problem of failure.problems) console.log(`  - ${problem}`);
        const lines = failure.output.trimEnd().split('\n');
        console.log(`  output (first ${Math.min(OUTPUT_LINES, lines.length)} of ${lines.length} lines):`);
        for (const line of lines.slice(0, OUTPUT_LINES))
          console.log(`  | ${line.length > 300 ? `${line.slice(0, 300)}…` : line}`);
      }
      console.log(`\nsamples: ${results.length} checks in ${(elapsedMs / 1000).toFixed(1)} s`);
      console.log(`${results.length - failures.length} passed, ${failures.length} failed`);
      return failures.length;
    },
  };
}
