/**
 * `npm run new -- --title "…" [--kind news] [--lang en] [--topic nato …] [--slug name]`: writes
 * the skeleton of a new article to content/articles/<year>/<slug>.md and never overwrites a file.
 * Exit status: 0 written, 1 refused (the name is taken, or the options make an invalid article),
 * 2 wrong usage.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkArticle, slugOf } from '../article/article-file.ts';
import { suggest } from '../article/issues.ts';
import { messages } from '../article/messages.ts';
import { severityOf } from '../article/rules.ts';
import { ARTICLE_KINDS } from '../article/schema/article.ts';
import { SLUG_PATTERN, toSlug } from '../article/schema/fields.ts';
import { ARTICLES_DIR, findArticleFiles } from '../checker/files.ts';
import { skeleton, slugFromTitle } from './skeleton.ts';
import { argumentsOrExit, UsageError } from './args.ts';

export const USAGE = `Usage: npm run new -- --title "Headline" [options]

Writes the skeleton of a new article to ${ARTICLES_DIR}/<year>/<name>.md, named after the title.
Replace its placeholders (TODO), then run \`npm run check\`.

Options:
  --title <text>    the headline (required)
  --kind <kind>     ${ARTICLE_KINDS.join(', ')} (default: news)
  --lang <tag>      the article's language, such as en, it or en-GB (default: en)
  --topic <topic>   a topic, such as nato; repeat it for several
  --slug <name>     the file name, if not the one made from the title
  -h, --help        show this help

Exit status: 0 written, 1 refused (nothing was written), 2 wrong usage.`;

interface NewArgs {
  readonly title: string;
  readonly kind: string;
  readonly lang: string;
  readonly topics: string[];
  readonly slug: string | undefined;
  readonly help: boolean;
}

function parseNewArgs(argv: readonly string[]): NewArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        title: { type: 'string' },
        kind: { type: 'string', default: 'news' },
        lang: { type: 'string', default: 'en' },
        topic: { type: 'string', multiple: true, default: [] },
        slug: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help) return { ...values, title: '', topics: [], slug: undefined, help: true };
  if (values.title === undefined || values.title.trim() === '') {
    throw new UsageError('Give the headline with `--title "…"`.');
  }
  const kind = values.kind;
  if (!(ARTICLE_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(
      messages.invalidChoice(
        'kind',
        'the article',
        kind,
        ARTICLE_KINDS,
        suggest(kind, ARTICLE_KINDS),
      ),
    );
  }
  for (const topic of values.topic) {
    if (!SLUG_PATTERN.test(topic)) {
      throw new UsageError(messages.invalidId('topic', 'the article', topic, toSlug(topic)));
    }
  }
  if (values.slug !== undefined && !SLUG_PATTERN.test(values.slug)) {
    throw new UsageError(
      `\`--slug ${values.slug}\` is not a valid file name: use lowercase letters, digits and single hyphens, such as \`${toSlug(values.slug)}\`.`,
    );
  }
  return {
    title: values.title.trim(),
    kind,
    lang: values.lang,
    topics: values.topic,
    slug: values.slug,
    help: false,
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = argumentsOrExit(parseNewArgs, argv, USAGE);
  if (typeof args === 'number') return args;
  const slug = args.slug ?? slugFromTitle(args.title, args.lang);
  if (slug === '') {
    process.stderr.write(
      'The title has no letters or digits to name the file after. Choose a name with `--slug`, such as `--slug rutte-visit`.\n',
    );
    return 2;
  }
  const now = new Date();
  const file = `${ARTICLES_DIR}/${String(now.getUTCFullYear())}/${slug}.md`;
  const text = skeleton({ ...args, now });

  // Whatever the editor gave must make a valid article: only the placeholders may be errors.
  const problems = checkArticle(file, new TextEncoder().encode(text)).report.diagnostics.filter(
    (d) => severityOf(d.rule) === 'error' && d.rule !== 'placeholder',
  );
  if (problems.length > 0) {
    process.stderr.write(
      `${problems.map((d) => `${d.message}  (${d.rule})`).join('\n')}\nNothing was written.\n`,
    );
    return 1;
  }

  // Slugs are unique across every folder, so a name taken anywhere is taken.
  const taken = (await findArticleFiles([ARTICLES_DIR]).catch(() => [])).find(
    (existing) => slugOf(existing) === slug,
  );
  if (taken !== undefined) {
    process.stderr.write(
      `An article named \`${slug}\` already exists: ${taken}. Nothing was written. Choose another name with \`--slug\`, or edit that article.\n`,
    );
    return 1;
  }
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    process.stderr.write(`${file} already exists. Nothing was written.\n`);
    return 1;
  }
  process.stdout.write(
    `Wrote ${file}.\nReplace its placeholders (TODO), then run \`npm run check\` to see what is left.\n`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
