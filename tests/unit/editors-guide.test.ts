/**
 * The editors' guide keeps pace with the rule catalogue: every rule `check` can report has its
 * section under "Problems and how to fix them", marked `(warning)` when it is one, and no section
 * is left for a rule that no longer exists.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleIds, severityOf } from '../../src/article/rules.ts';

const GUIDE = 'docs/editors.md';
const text = readFileSync(new URL(`../../${GUIDE}`, import.meta.url), 'utf8');

interface Section {
  readonly rule: string;
  readonly warning: boolean;
  readonly body: string;
}

/** The `### \`rule-id\`` sections, each with its text up to the next heading. */
function ruleSections(): Section[] {
  const problems = text.slice(text.indexOf('\n## Problems and how to fix them\n'));
  return [
    ...problems.matchAll(/^### `([^`]+)`( \(warning\))?\n([\s\S]*?)(?=^#{1,3} |(?![\s\S]))/gm),
  ].map((match) => ({
    rule: match[1] ?? '',
    warning: match[2] !== undefined,
    body: match[3] ?? '',
  }));
}

describe(GUIDE, () => {
  const sections = ruleSections();
  const documented = sections.map((section) => section.rule);

  it('has a section for every rule of the catalogue, so no rule ships undocumented', () => {
    expect(ruleIds.filter((rule) => !documented.includes(rule))).toEqual([]);
  });

  it('has no section for a rule the catalogue no longer has', () => {
    expect(documented.filter((rule) => !(ruleIds as string[]).includes(rule))).toEqual([]);
  });

  it('documents each rule once', () => {
    expect(documented.filter((rule, index) => documented.indexOf(rule) !== index)).toEqual([]);
  });

  it('marks exactly the warnings "(warning)"', () => {
    const wrong = sections
      .filter((section) => (ruleIds as string[]).includes(section.rule))
      .filter((section) => section.warning !== (severityOf(section.rule as never) === 'warning'))
      .map((section) => section.rule);
    expect(wrong).toEqual([]);
  });

  it('says in each section what the problem is and what to do', () => {
    const thin = sections.filter((section) => section.body.trim().length < 40);
    expect(thin.map((section) => section.rule)).toEqual([]);
  });
});
