/**
 * axe-core injected into a page of the built site, and its report as a failing test shows it. The
 * browser and the server come from tests/support/.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

/** The WCAG levels checked: A and AA of 2.0, 2.1 and 2.2. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly helpUrl: string;
  readonly nodes: readonly {
    /** CSS selectors, outermost frame first. */
    readonly target: readonly string[];
    readonly failureSummary: string | undefined;
  }[];
}

let axeSource: string | undefined;

async function axeScript(): Promise<string> {
  axeSource ??= await readFile(
    createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
    'utf8',
  );
  return axeSource;
}

/** Runs axe-core over the whole of the page's current document with `WCAG_TAGS`. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  // Evaluated through the browser's debugging protocol rather than added as a <script>, which the
  // site's Content Security Policy rightly refuses.
  if (!loaded) await page.evaluate(`${await axeScript()}\n;undefined`);
  return page.evaluate(
    async (tags) => {
      const { axe } = window as unknown as {
        axe: { run(context: Document, options: RunOptions): Promise<AxeResults> };
      };
      const results = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      // Only what a report needs: the raw nodes hold the whole element's HTML.
      return results.violations.map((violation): AxeViolation => ({
        id: violation.id,
        impact: violation.impact ?? null,
        help: violation.help,
        helpUrl: violation.helpUrl,
        nodes: violation.nodes.map((node) => ({
          target: node.target.map((selector) =>
            typeof selector === 'string' ? selector : JSON.stringify(selector),
          ),
          failureSummary: node.failureSummary,
        })),
      }));
    },
    [...WCAG_TAGS],
  );
}

/** A violation list as a reader of a failing test wants it: rule, impact, where, and why. */
export function describeViolations(label: string, violations: readonly AxeViolation[]): string {
  if (violations.length === 0) return `${label}: no violations`;
  const lines = [`${label}: ${violations.length} axe violation(s)`];
  for (const violation of violations) {
    lines.push(`  [${violation.impact ?? 'n/a'}] ${violation.id}: ${violation.help}`);
    lines.push(`    ${violation.helpUrl}`);
    for (const node of violation.nodes.slice(0, 5)) {
      lines.push(`    at ${node.target.join(' > ')}`);
      const summary = node.failureSummary?.replace(/\s*\n\s*/g, ' ');
      if (summary) lines.push(`      ${summary}`);
    }
    if (violation.nodes.length > 5) lines.push(`    … and ${violation.nodes.length - 5} more`);
  }
  return lines.join('\n');
}
