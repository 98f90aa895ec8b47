/**
 * Rules that relate fields of one article to each other: unique ids, references to sources and
 * claims, date order, and fields required by others. They run even when other fields are invalid
 * (so the editor sees every problem at once), hence the defensive reading of `value`.
 */
import { z } from 'zod';
import { isNotEarlier, type ContentDate } from '../dates.ts';
import { report } from './fields.ts';

type Context = z.core.$RefinementCtx;

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter(
        (item): item is Record<string, unknown> => typeof item === 'object' && item !== null,
      )
    : [];
}

function isDate(value: unknown): value is ContentDate {
  return typeof value === 'object' && value !== null && 'precision' in value && 'start' in value;
}

function addIssue(
  ctx: Context,
  path: (string | number)[],
  input: unknown,
  rule: Parameters<typeof report>[2],
): void {
  ctx.addIssue({ code: 'custom', input, path, message: rule.rule, params: rule });
}

export function checkRelations(value: unknown, ctx: Context): void {
  if (typeof value !== 'object' || value === null) return;
  const article = value as Record<string, unknown>;
  const sources = list(article.sources);
  const claims = list(article.claims);
  const events = list(article.events);

  const seen = new Map<string, string>();
  const collections = [
    ['sources', sources],
    ['claims', claims],
    ['events', events],
  ] as const;
  for (const [field, entries] of collections) {
    entries.forEach((entry, index) => {
      const id = entry.id;
      if (typeof id !== 'string') return;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, `${field}.${index}`);
      else addIssue(ctx, [field, index, 'id'], id, { rule: 'duplicate-id', other: first });
    });
  }

  const sourceIds = new Set(
    sources.map((s) => s.id).filter((id): id is string => typeof id === 'string'),
  );
  const claimIds = new Set(
    claims.map((c) => c.id).filter((id): id is string => typeof id === 'string'),
  );
  const others = (id: unknown) => [...claimIds].filter((claimId) => claimId !== id);
  // Without a list of sources that is the one error to report, not every claim and event citing one.
  const citable = Array.isArray(article.sources)
    ? ([
        ['claims', claims],
        ['events', events],
      ] as const)
    : [];
  for (const [field, entries] of citable) {
    entries.forEach((entry, index) => {
      const cited = entry.sources;
      if (!Array.isArray(cited)) return;
      cited.forEach((id: unknown, position) => {
        if (typeof id === 'string' && !sourceIds.has(id)) {
          addIssue(ctx, [field, index, 'sources', position], id, {
            rule: 'unknown-source',
            candidates: [...sourceIds],
          });
        }
      });
    });
  }

  claims.forEach((claim, index) => {
    const target = claim.responds_to;
    if (typeof target !== 'string') return;
    if (target === claim.id || !claimIds.has(target)) {
      addIssue(ctx, ['claims', index, 'responds_to'], target, {
        rule: 'unknown-claim',
        candidates: others(claim.id),
        ...(target === claim.id ? { reason: 'self' } : {}),
      });
    }
  });

  const published = article.published;
  const updated = article.updated;
  if (isDate(published) && isDate(updated) && !isNotEarlier(updated, published)) {
    addIssue(ctx, ['updated'], updated.text, { rule: 'date-order', other: published.text });
  }
  events.forEach((event, index) => {
    const date = event.date;
    const end = event.end;
    if (isDate(date) && isDate(end) && !isNotEarlier(end, date)) {
      addIssue(ctx, ['events', index, 'end'], end.text, { rule: 'date-order', other: date.text });
    }
  });

  sources.forEach((source, index) => {
    if (source.url === undefined && source.published === undefined) {
      addIssue(ctx, ['sources', index], source.id, { rule: 'undated-source' });
    }
  });

  if (list(article.corrections).length > 0 && article.updated === undefined) {
    addIssue(ctx, ['corrections'], undefined, { rule: 'corrections-need-updated' });
  }
}
