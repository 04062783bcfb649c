import { allNavigationHrefs } from '../../lib/navigation';
import { allowConsoleErrors, expect, test } from './fixtures';

const pages = ['/', ...allNavigationHrefs()];

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

test.beforeEach(async ({ page }) => {
  // Record CSP violations from the first byte on (W3C CSP3 SecurityPolicyViolationEvent).
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
});

for (const path of [...pages, '/no-such-page']) {
  test(`${path}: strict CSP and security headers, zero violations`, async ({ page, problems }) => {
    const response = await page.goto(path);
    if (path === '/no-such-page') allowConsoleErrors(problems, /status of 404/); // the browser logs the 404 itself
    const headers = response!.headers();
    const csp = directives(headers['content-security-policy'] ?? '');
    const scriptSrc = csp.get('script-src') ?? [];
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['referrer-policy']).toBe(
      path.startsWith('/console') ? 'no-referrer' : 'strict-origin-when-cross-origin',
    );
    await page.waitForLoadState('networkidle');
    // Hydration ran (the page is interactive), which it cannot if its inline bootstrap scripts were blocked: the
    // server HTML already carries a theme class, so only the toggle flipping it proves the click was handled.
    const isDark = () => page.evaluate(() => document.documentElement.classList.contains('dark'));
    const before = await isDark();
    await page.getByRole('button', { name: 'Toggle dark theme' }).click();
    await expect.poll(isDark).toBe(!before);
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  });
}
