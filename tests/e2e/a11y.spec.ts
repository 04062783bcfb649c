import AxeBuilder from '@axe-core/playwright';

import { allPageHrefs } from '../../lib/navigation';
import { allowConsoleErrors, expect, test } from './fixtures';
import knownIssues from './known-a11y-issues.json';

/** Every page of the site, and the 404 page. */
const pages = [...allPageHrefs(), '/no-such-page'];
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
type Known = { scope: string; rules: string[] };

for (const path of pages) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`${path} passes axe at WCAG 2.2 AA (${scheme})`, async ({ page, problems }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      if (path === '/no-such-page') allowConsoleErrors(problems, /status of 404/); // the browser logs the 404 itself
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      const known = (knownIssues as Record<string, Known>)[path];
      if (!known) {
        const results = await new AxeBuilder({ page }).withTags(tags).analyze();
        expect(results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`)).toEqual(
          [],
        );
        return;
      }
      // A third-party widget (the Scalar explorer): our part of the page must be clean, and inside the
      // widget only the violations listed in known-a11y-issues.json may appear.
      await page.locator(known.scope).locator('*').first().waitFor();
      // The widget's loading skeleton (aria-busy) is ours; check the widget itself once it has replaced it.
      await expect(page.locator(known.scope).locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
      const ours = await new AxeBuilder({ page }).withTags(tags).exclude(known.scope).analyze();
      expect(ours.violations.map((v) => v.id)).toEqual([]);
      const theirs = await new AxeBuilder({ page }).withTags(tags).include(known.scope).analyze();
      const unexpected = theirs.violations.map((v) => v.id).filter((id) => !known.rules.includes(id));
      expect(unexpected, 'violations inside the widget that are not in known-a11y-issues.json').toEqual([]);
    });
  }
}
