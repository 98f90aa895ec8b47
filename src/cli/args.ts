/** Command-line arguments of `check`, parsed with Node's own parser. */
import { parseArgs } from 'node:util';

export const FORMATS = ['text', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckArgs {
  readonly strict: boolean;
  readonly format: Format;
  readonly cache: boolean;
  readonly help: boolean;
  readonly paths: string[];
}

export class UsageError extends Error {}

/**
 * A command's arguments, or the exit status it ends with at once: 2 after a usage error (printed
 * with the usage), 0 after printing the help.
 */
export function argumentsOrExit<T extends { readonly help: boolean }>(
  parse: (argv: readonly string[]) => T,
  argv: readonly string[],
  usage: string,
): T | number {
  let args: T;
  try {
    args = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  return args;
}

export const USAGE = `Usage: npm run check -- [options] [paths...]

Checks every article under content/articles (or the given files and folders) and reports every
problem of every file, one per line: path:line:column  error|warning  message  (rule-id).

Options:
  --strict           fail on warnings too
  --format <format>  text (default), json, or github (annotations for GitHub Actions)
  --no-cache         check every file afresh, ignoring and keeping no cache
  -h, --help         show this help

Exit status: 0 no problems, 1 errors (or warnings with --strict), 2 wrong usage.`;

export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        strict: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        cache: { type: 'boolean', default: true },
        'no-cache': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const format = values.format;
  if (!FORMATS.includes(format as Format)) {
    throw new UsageError(`Unknown format \`${format}\`: use one of ${FORMATS.join(', ')}.`);
  }
  return {
    strict: values.strict,
    format: format as Format,
    cache: values.cache && !values['no-cache'],
    help: values.help,
    paths: positionals,
  };
}
