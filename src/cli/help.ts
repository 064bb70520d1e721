// Examples shown after each command's --help; they double as documentation, so
// every one of them is a command that works as written from the project root.

export const PARSE_EXAMPLES = `
Examples:
${examples([
  ['policyparse fixtures/seed-page.txt', 'JSON: pretty on a terminal, compact in a pipe'],
  ['policyparse --format tree fixtures/seed-page.txt', 'an outline of each article'],
  ['policyparse -f markdown page.txt > page.md', 'each article as Markdown'],
  ['policyparse -f text page.html', "each article's plain text"],
  ['policyparse -f jsonl a.txt b.md | jq -c .title', 'one article a line'],
  ['cat page.txt | policyparse -', 'read standard input'],
  ['policyparse --strict --quiet page.txt', 'exit 1 on any warning, print none'],
  ['policyparse --diagnostics json page.txt 2> d.jsonl', 'diagnostics as JSON lines'],
])}

Exit codes: 0 ok, 1 warnings under --strict, 2 usage or input error.
`;

export const VALIDATE_EXAMPLES = `
Examples:
  $ policyparse validate out.json
  $ policyparse validate 'out/**/*.json'              globs are expanded here too
  $ policyparse page.txt | policyparse validate -

Prints one line per invalid file: file: JSON pointer: reason, then a summary.
Exit codes: 0 all valid, 1 any invalid, 2 unreadable file or pattern matching nothing.
`;

export const SCHEMA_EXAMPLES = `
Examples:
  $ policyparse schema > policyparse.schema.json
  $ policyparse schema | jq '.["$defs"].Node.properties | keys'
`;

function examples(rows: [command: string, what: string][]): string {
  const width = Math.max(...rows.map(([command]) => command.length));
  return rows.map(([command, what]) => `  $ ${command.padEnd(width)}  ${what}`).join('\n');
}
