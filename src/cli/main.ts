import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { explainPage } from '../pipeline.js';
import { formatExplain } from '../page/explain.js';
import { InputError } from '../errors.js';
import type { InputFormat } from '../types.js';
import { EXIT, type CliIO } from './io.js';
import { COLOR_CHOICES, createOutput, DIAGNOSTIC_FORMATS, OUTPUT_FORMATS } from './render.js';
import { runValidate } from './validate.js';
import { runBatch } from './batch.js';
import { describeIoError } from './task.js';
import { PARSE_EXAMPLES, SCHEMA_EXAMPLES, VALIDATE_EXAMPLES } from './help.js';
import schemaJson from '../../schemas/policyparse.schema.json' with { type: 'json' };

interface ParseFlags {
  format: string;
  inputFormat?: InputFormat | 'jsonl';
  encoding?: string;
  pretty?: boolean;
  compact?: boolean;
  strict?: boolean;
  quiet?: boolean;
  diagnostics?: string;
  color?: string;
  jobs?: number;
  out?: string;
  stage?: string;
}

/** The whole CLI: argv (without node and script) -> exit code. Never calls process.exit. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.OK;
  const program = new Command('policyparse')
    .description('Split Chinese newspaper pages into articles and parse their numbered structure into JSON.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .argument('[files...]', 'input files (.txt, .md, .html); - reads standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...OUTPUT_FORMATS]).default('json'))
    .addOption(new Option('--input-format <format>', 'treat input as this format; jsonl: records {"id","text"|"html"} on stdin').choices(['text', 'markdown', 'html', 'jsonl']))
    .addOption(new Option('-j, --jobs <n>', 'parse this many inputs, or pages of one long input, in parallel (default: all cores for many inputs, one for one)').argParser(parseJobs))
    .option('-o, --out <dir>', 'write one output file per input into this folder')
    .addOption(new Option('--stage <stage>', 'print an intermediate stage instead: fragments (every fragment and weighed join)').choices(['fragments']))
    .option('--encoding <name>', 'decode input bytes with this encoding (gb18030, gbk, utf-16le …)')
    .option('--pretty', 'indent JSON output (the default on a terminal)')
    .option('--compact', 'one-line JSON output (the default in a pipe)')
    .option('--strict', 'exit 1 when any warning is reported')
    .option('-q, --quiet', 'do not print warnings (errors still print)')
    .addOption(new Option('--diagnostics <format>', 'diagnostics on stderr as file:line:col lines or JSON lines').choices([...DIAGNOSTIC_FORMATS]).default('text'))
    .addOption(new Option('--color <when>', 'colour the tree and diagnostics: on a terminal (auto), always, never').choices([...COLOR_CHOICES]).default('auto'))
    .addHelpText('after', PARSE_EXAMPLES)
    .action(async (files: string[], flags: ParseFlags) => {
      exitCode = await runParse(files, flags, io);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the output')
    .addHelpText('after', SCHEMA_EXAMPLES)
    .action(() => {
      io.stdout.write(JSON.stringify(schemaJson, null, 2) + '\n');
    });

  program
    .command('validate')
    .description('validate policyparse JSON documents against the schema')
    .argument('<files...>', 'JSON files or globs to validate; - reads standard input')
    .addHelpText('after', VALIDATE_EXAMPLES)
    .action(async (files: string[]) => {
      exitCode = await runValidate(files, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT.OK;
      return EXIT.USAGE;
    }
    io.stderr.write(`policyparse: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.USAGE;
  }
  return exitCode;
}

async function runParse(files: string[], flags: ParseFlags, io: CliIO): Promise<number> {
  if (flags.inputFormat === 'jsonl' ? files.some((f) => f !== '-') : files.length === 0) {
    io.stderr.write(
      flags.inputFormat === 'jsonl'
        ? 'policyparse: --input-format jsonl reads records from standard input only\n'
        : 'policyparse: no input: give a file, or - for standard input (see --help)\n',
    );
    return EXIT.USAGE;
  }
  if (flags.stage === 'fragments') return runExplain(files, flags, io);
  const output = await createOutput(flags, io);
  return runBatch(files, flags, io, output);
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return n;
}

async function readInput(file: string, io: CliIO): Promise<Buffer> {
  if (file === '-') return io.readStdin();
  const path = resolve(io.cwd, file);
  const info = await stat(path);
  if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  return readFile(path);
}

/** `--stage fragments`: what the page stage saw and weighed, for each input. */
async function runExplain(files: string[], flags: ParseFlags, io: CliIO): Promise<number> {
  let code: number = EXIT.OK;
  for (const file of files) {
    try {
      const bytes = await readInput(file, io);
      const pages = explainPage(bytes, { name: file, format: flags.inputFormat === 'jsonl' ? undefined : flags.inputFormat, encoding: flags.encoding });
      if (files.length > 1) io.stdout.write(`== ${file}\n`);
      io.stdout.write(formatExplain(pages, true));
    } catch (err) {
      io.stderr.write(`policyparse: ${file}: ${err instanceof InputError ? err.message : describeIoError(err)}\n`);
      code = EXIT.USAGE;
    }
  }
  return code;
}
