/**
 * `npm run schema`: writes docs/frontmatter.schema.json from the zod schemas, formatted as the
 * repository's Prettier formats it. A test fails while the file says anything else, so run this
 * after changing a schema.
 */
import { writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { frontmatterJsonSchema, JSON_SCHEMA_FILE } from '../src/article/json-schema.ts';

const options = await resolveConfig(JSON_SCHEMA_FILE);
const text = await format(JSON.stringify(frontmatterJsonSchema()), {
  ...options,
  filepath: JSON_SCHEMA_FILE,
});
await writeFile(JSON_SCHEMA_FILE, text);
process.stdout.write(`Wrote ${JSON_SCHEMA_FILE}.\n`);
