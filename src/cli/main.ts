import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { parse } from '../pipeline.js';
import { InputError } from '../errors.js';
import type { InputFormat, PolicyDocument } from '../types.js';
import { EXIT, type CliIO } from './io.js';
import { createOutput, DIAGNOSTIC_FORMATS, OUTPUT_FORMATS } from './render.js';
import { runValidate } from './validate.js';
import { PARSE_EXAMPLES, SCHEMA_EXAMPLES, VALIDATE_EXAMPLES } from './help.js';
import schemaJson from '../../schemas/policyparse.schema.json' with { type: 'json' };

interface ParseFlags {
  format: string;
  inputFormat?: InputFormat;
  encoding?: string;
  pretty?: boolean;
  compact?: boolean;
  strict?: boolean;
  quiet?: boolean;
  diagnostics?: string;
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
    .addOption(new Option('--input-format <format>', 'treat input as this format').choices(['text', 'markdown', 'html']))
    .option('--encoding <name>', 'decode input bytes with this encoding (gb18030, gbk, utf-16le …)')
    .option('--pretty', 'indent JSON output (the default on a terminal)')
    .option('--compact', 'one-line JSON output (the default in a pipe)')
    .option('--strict', 'exit 1 when any warning is reported')
    .option('-q, --quiet', 'do not print warnings (errors still print)')
    .addOption(new Option('--diagnostics <format>', 'diagnostics on stderr as file:line:col lines or JSON lines').choices([...DIAGNOSTIC_FORMATS]).default('text'))
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
  if (files.length === 0) {
    io.stderr.write('policyparse: no input: give a file, or - for standard input (see --help)\n');
    return EXIT.USAGE;
  }
  let code: number = EXIT.OK;
  const output = await createOutput(flags, io);
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readInput(file, io);
    } catch (err) {
      io.stderr.write(`policyparse: ${file}: ${describeIoError(err)}\n`);
      code = EXIT.USAGE;
      continue;
    }
    let doc: PolicyDocument;
    try {
      doc = parse(bytes, { name: file, format: flags.inputFormat, encoding: flags.encoding });
    } catch (err) {
      if (err instanceof InputError) {
        io.stderr.write(`policyparse: ${file}: ${err.message}\n`);
        code = EXIT.USAGE;
        continue;
      }
      throw err;
    }
    const outcome = output.emit(file, doc);
    if (outcome > code) code = outcome;
  }
  return code;
}

async function readInput(file: string, io: CliIO): Promise<Buffer> {
  if (file === '-') return io.readStdin();
  const path = resolve(io.cwd, file);
  const info = await stat(path);
  if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  return readFile(path);
}

function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return e instanceof Error ? e.message : String(err);
  }
}
