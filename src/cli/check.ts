/**
 * `npm run check`: validates the articles and reports every problem of every file.
 * Exit status: 0 clean, 1 errors (or warnings with --strict), 2 usage errors.
 */
import { ARTICLES_DIR, findArticleFiles, MissingPathError } from '../checker/files.ts';
import { checkFiles } from '../checker/run.ts';
import { argumentsOrExit, parseCheckArgs, USAGE } from './args.ts';
import { render } from './report.ts';

async function main(argv: readonly string[]): Promise<number> {
  const args = argumentsOrExit(parseCheckArgs, argv, USAGE);
  if (typeof args === 'number') return args;
  let files;
  try {
    files = await findArticleFiles(args.paths.length > 0 ? args.paths : [ARTICLES_DIR]);
  } catch (error) {
    if (!(error instanceof MissingPathError)) throw error;
    process.stderr.write(
      `${error.message} Give the path of an article file or folder.\n\n${USAGE}\n`,
    );
    return 2;
  }
  const result = await checkFiles(files, args.cache ? {} : { cacheDir: false });
  process.stdout.write(`${render(result, args.format)}\n`);
  return result.errors > 0 || (args.strict && result.warnings > 0) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
