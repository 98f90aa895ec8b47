/**
 * Rules across articles: slugs unique over all folders, and one date per shared event id.
 */
import { sameDate } from './dates.ts';
import type { ArticleReport } from './article-file.ts';
import type { Diagnostic } from './diagnostics.ts';
import { messages } from './messages.ts';

function describeDates(date: { text: string }, end: { text: string } | undefined): string {
  return end ? `\`${date.text}\` to \`${end.text}\`` : `\`${date.text}\``;
}

/** Errors for duplicate slugs and conflicting shared events, each naming the other file. */
export function checkCollection(reports: readonly ArticleReport[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const ordered = [...reports].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const bySlug = new Map<string, ArticleReport[]>();
  for (const report of ordered) {
    const same = bySlug.get(report.slug);
    if (same) same.push(report);
    else bySlug.set(report.slug, [report]);
  }
  for (const [slug, same] of bySlug) {
    if (same.length < 2) continue;
    for (const report of same) {
      const others = same
        .filter((other) => other !== report)
        .map((other) => other.file)
        .join(', ');
      diagnostics.push({
        file: report.file,
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'duplicate-slug',
        message: messages.duplicateSlug(slug, others),
      });
    }
  }

  const byEvent = new Map<
    string,
    { report: ArticleReport; event: ArticleReport['events'][number] }[]
  >();
  for (const report of ordered) {
    for (const event of report.events) {
      const list = byEvent.get(event.id);
      if (list) list.push({ report, event });
      else byEvent.set(event.id, [{ report, event }]);
    }
  }
  const agree = (a: ArticleReport['events'][number], b: ArticleReport['events'][number]) =>
    sameDate(a.date, b.date) &&
    (a.end === undefined ? b.end === undefined : b.end !== undefined && sameDate(a.end, b.end));
  for (const [id, occurrences] of byEvent) {
    const [first] = occurrences;
    if (!first) continue;
    const disagreeing = occurrences.filter((o) => !agree(o.event, first.event));
    if (disagreeing.length === 0) continue;
    const firstOther = disagreeing[0];
    for (const o of occurrences) {
      const other = agree(o.event, first.event) ? firstOther : first;
      if (!other) continue;
      diagnostics.push({
        file: o.report.file,
        line: o.event.line,
        column: o.event.column,
        severity: 'error',
        rule: 'event-date-conflict',
        message: messages.eventDateConflict(
          id,
          describeDates(o.event.date, o.event.end),
          describeDates(other.event.date, other.event.end),
          other.report.file,
        ),
      });
    }
  }
  return diagnostics;
}
