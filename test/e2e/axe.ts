// axe-core on the page as it is, in both colour schemes: the serious and critical violations, one line each.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export async function violations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    for (const violation of results.violations) {
      if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
      const where = violation.nodes.slice(0, 4).map((node) => `${node.target.join(' ')} (${node.failureSummary?.split('\n')[1]?.trim() ?? ''})`);
      found.push(`${colorScheme}: ${violation.id}: ${violation.help} — ${where.join('; ')}`);
    }
  }
  await page.emulateMedia({ colorScheme: null });
  return found;
}
