/**
 * The wording of every message editors read, in one place. Each says what is wrong, quotes the
 * offending value in backticks, and says what to do.
 */
import { quote, didYouMean } from './rules.ts';

export const messages = {
  notUtf8: (byte: number) =>
    `The file is not UTF-8 text: byte 0x${byte.toString(16).padStart(2, '0').toUpperCase()} here cannot be read. Save the file as UTF-8 (in most editors: "Save with encoding" > UTF-8).`,
  frontmatterLanguage: (fence: string) =>
    `The frontmatter fence ${quote(fence.slice(0, 20))} is not accepted: only YAML frontmatter between two \`---\` lines is. Rewrite the fields as YAML and start the file with a line \`---\` alone.`,
  missingFrontmatter: () =>
    'The file does not start with frontmatter. Begin it with a line `---`, the fields (title, dek, kind, published, topics, sources), and another line `---`, then the text.',
  unclosedFrontmatter: () =>
    'The frontmatter is never closed. Add a line `---` after the last field, before the text of the article.',
  yamlSyntax: (reason: string) =>
    `The frontmatter is not valid YAML: ${reason}. Check the indentation and quoting on this line (quote any text that contains \`: \` or starts with a special character).`,
  yamlTag: (tag: string) =>
    `The YAML tag ${quote(tag)} is not allowed: frontmatter is plain data. Remove the tag and write the value as plain text.`,
  yamlDuplicateKey: (key: string) =>
    `The field ${quote(key)} is written twice here. Keep one of them.`,
  yamlAliasLimit: (limit: number) =>
    `YAML aliases here expand to more than ${limit} values, which could exhaust the build. Write the values out instead of using \`&anchor\` and \`*alias\`.`,
  yamlTooDeep: (limit: number) =>
    `The frontmatter nests lists or maps more than ${limit} levels deep. An article needs at most four; check the indentation and brackets here.`,
  fileTooLarge: (size: number, limit: number) =>
    `The file is ${megabytes(size)}; an article file may be at most ${megabytes(limit)}, and this line goes past that. Look for a paste gone wrong here, or split the article in two.`,
  bodyTooDeepContainers: (limit: number) =>
    `This line nests quotes and lists more than ${limit} levels deep (every \`>\`, every list marker and every four spaces of indentation count as one), which cannot be read or shown. Look for a long run of \`>\` or list markers, or a huge indentation (often a paste gone wrong), and remove it.`,
  bodyTooDeepBrackets: (limit: number) =>
    `This \`[\` opens a link or image inside more than ${limit} others in the same paragraph, which cannot be read or shown. Look for a long run of \`[\` (often a paste gone wrong) and remove it, or write it as \`\\[\`.`,
  bodyTooDeep: () =>
    'The text here nests quotes, lists, links or emphasis hundreds of levels deep, which cannot be read or shown. Look for a long run of `>`, `*`, `_`, `[` or indented list markers (often a paste gone wrong) and remove it.',
  bodyTooManyMarks: (limit: number) =>
    `This paragraph holds more than ${limit.toLocaleString('en')} \`]\`, \`*\`, \`_\`, \`~\` and \`\` \` \`\` marks (links, citations, emphasis, code), which would take too long to process. Split it with blank lines (a table in two tables), or remove the run of marks if it was pasted by mistake.`,
  bodyTooManyContainerLines: () =>
    'The text has so many list items and quoted lines, or lines running on from them, that it would take too long to process; this is where it goes past the limit. End each quote and list with a blank line before the text that follows it, or split a list of thousands of items into several articles.',
  bodyUnclosedCode: () =>
    'This `` ` `` and many others after it in the same paragraph open code that is never closed, which would take too long to process. Close each one with the same number of backticks, write it as `` \\` ``, or split the paragraph with blank lines.',
  invalidSlug: (name: string, suggestion: string) =>
    `The file name ${quote(name)} is not a valid slug: use lowercase letters, digits and single hyphens. Rename the file to \`${suggestion}.md\`.`,
  unknownField: (field: string, where: string, suggestion: string | undefined) =>
    `${quote(field)} is not a field of ${where}.${didYouMean(suggestion)} ${suggestion === undefined ? 'Remove it' : 'Fix the spelling or remove it'}.`,
  missingField: (field: string, where: string, hint: string) =>
    `${where === 'the article' ? 'The article' : capitalise(where)} is missing \`${field}\`. Add ${hint}.`,
  emptyList: (field: string, where: string, hint: string) =>
    `\`${field}\` of ${where} is empty. Add at least one: ${hint}.`,
  wrongType: (field: string, where: string, expected: string, received: string) =>
    `\`${field}\` of ${where} should be ${expected}, but it is ${received}. Write ${expected}.`,
  wrongEntryType: (where: string, fields: readonly [string, ...string[]], received: string) =>
    `${capitalise(where)} should be a set of fields (${fields.map((f) => `\`${f}\``).join(', ')}), but it is ${received}. Write each field on its own line under the \`-\`, such as \`${fields[0]}: ...\`.`,
  invalidChoice: (
    field: string,
    where: string,
    value: unknown,
    choices: readonly string[],
    suggestion: string | undefined,
  ) =>
    `${quote(value)} is not a valid \`${field}\` of ${where}.${didYouMean(suggestion)} Use one of ${choices.map((c) => `\`${c}\``).join(', ')}.`,
  textEmpty: (field: string, where: string) =>
    `\`${field}\` of ${where} is empty. Write the text, or remove the field if it is optional.`,
  textTooLong: (field: string, where: string, max: number, length: number) =>
    `\`${field}\` of ${where} is ${length} characters long; the limit is ${max}. Shorten it.`,
  htmlInTitle: (tag: string) =>
    `The title contains the HTML tag ${quote(tag)}. Titles are plain text and are shown exactly as written: remove the tag.`,
  invalidId: (field: string, where: string, value: string, suggestion: string) =>
    `${quote(value)} is not a valid \`${field}\` of ${where}: use lowercase letters, digits and single hyphens, such as \`${suggestion}\`.`,
  duplicateId: (id: string, first: string, where: string) =>
    `The id ${quote(id)} of ${where} is already used by ${first}. Ids must be unique among an article's sources, claims and events: rename one.`,
  dateFormat: (field: string, where: string, value: string, reason: string) =>
    `${quote(value)} is not a valid \`${field}\` of ${where}: ${reason}.`,
  dateWithoutOffset: (field: string, where: string, value: string) =>
    `${quote(value)} (\`${field}\` of ${where}) has a time but no time zone, so it is ambiguous. Add \`Z\` for UTC or an offset such as \`+02:00\`, or drop the time.`,
  impossibleDate: (field: string, where: string, value: string, reason: string) =>
    `${quote(value)} (\`${field}\` of ${where}) is not a real date: ${reason}. Correct it.`,
  updatedBeforePublished: (updated: string, published: string) =>
    `\`updated\` ${quote(updated)} is earlier than \`published\` ${quote(published)}. Correct one of them; \`updated\` may not be before \`published\`.`,
  endBeforeDate: (where: string, end: string, date: string) =>
    `The \`end\` ${quote(end)} of ${where} is before its \`date\` ${quote(date)}. Correct one of them, or swap them.`,
  invalidUrl: (where: string, value: string) =>
    `${quote(value)} is not a valid \`url\` of ${where}: write a full address starting with \`https://\` (or \`http://\`).`,
  forbiddenUrlScheme: (where: string, value: string, scheme: string) =>
    `The \`url\` of ${where} uses ${quote(scheme)}, which is not allowed: only \`https:\` and \`http:\` addresses can be sources. Replace ${quote(value)} with the web address of the source.`,
  invalidLang: (field: string, where: string, value: string) =>
    `${quote(value)} is not a valid \`${field}\` of ${where}: use a BCP 47 language tag such as \`en\`, \`it\`, \`en-GB\` or \`ar\`.`,
  undatedSource: (where: string) =>
    `${capitalise(where)} has no \`url\`, so it needs \`published\`: the date (and time, if known) it was published or transmitted, so readers can find it.`,
  correctionsNeedUpdated: () =>
    'The article has `corrections` but no `updated` date. Add `updated` with the date of the latest correction.',
  unknownSource: (id: string, where: string, suggestion: string | undefined) =>
    `${quote(id)} cited in ${where} is not a source of this article.${didYouMean(suggestion)} Use the \`id\` of one of the article's \`sources\`, or add the source.`,
  unknownClaim: (id: string, where: string, suggestion: string | undefined) =>
    `\`responds_to\` of ${where} names ${quote(id)}, which is not a claim of this article.${didYouMean(suggestion)} Use the \`id\` of another claim.`,
  respondsToItself: (where: string) =>
    `${capitalise(where)} \`responds_to\` itself. Point it at the claim it answers.`,
  duplicateSlug: (slug: string, other: string) =>
    `Another article has the same file name ${quote(slug)}: ${other}. Slugs must be unique across all folders; rename one of the files.`,
  eventDateConflict: (id: string, here: string, other: string, otherFile: string) =>
    `The shared event ${quote(id)} is dated ${here} here but ${other} in ${otherFile}. An event id names one event: make the dates agree, or give one of them another id.`,
  placeholder: (value: string, field: string, where: string, replacement: string) =>
    `${quote(value)} in \`${field}\` of ${where} is a placeholder. Replace it with ${replacement}.`,
  placeholderInText: (text: string) =>
    `The text still holds a placeholder: ${quote(text)}. Write what it stands for in its place.`,
  uncitedSource: (id: string) =>
    `The source ${quote(id)} is never cited: not in the text, a claim or an event. Cite it with \`[@${id}]\` where it supports the text, or remove it.`,
  sourceAfterArticle: (id: string, sourceDate: string, field: string, articleDate: string) =>
    `The source ${quote(id)} is dated ${quote(sourceDate)}, after the article's \`${field}\` ${quote(articleDate)}. Check the source's date, or update the article's \`${field}\`.`,
  mixedScript: (word: string, scripts: readonly string[]) =>
    `The word ${quote(word)} mixes writing systems (${scripts.join(' and ')}), which usually means a look-alike letter was pasted in. Retype the word.`,
  unexpectedScript: (word: string, script: string, lang: string) =>
    `The word ${quote(word)} is in ${script} script, which \`${lang}\` text does not use. Translate or transliterate it, or mark the article's \`lang\` correctly.`,
  disputedWithoutResponse: (id: string) =>
    `The claim ${quote(id)} is \`disputed\`, but no claim \`responds_to\` it. Add the claim that disputes it (with \`responds_to: ${id}\`), so readers see who disputes it, or change its status.`,
} as const;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
}
