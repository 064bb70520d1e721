import { colorLevel, createOutput, type Output } from '../../src/cli/render.js';
import type { PolicyDocument } from '../../src/types.js';
import { sampleDocument } from './sample.js';
import { fakeIO } from '../cli/fake-io.js';

/** What the CLI does with a parsed input (src/cli/batch.ts): output, diagnostics, exit code. */
function emit(output: Output, io: ReturnType<typeof fakeIO>, file: string, doc: PolicyDocument): number {
  for (const piece of output.render(doc)) io.stdout.write(piece);
  const messages = output.report(file, doc.diagnostics);
  if (messages) io.stderr.write(messages);
  return output.exitCodeFor(doc.diagnostics);
}

const rendered = (output: Output, doc: PolicyDocument) => [...output.render(doc)].join('');

const ESC = '\u001b[';

describe('colorLevel', () => {
  it('colours a terminal, not a pipe', () => {
    expect(colorLevel({ isTTY: true }, {})).toBeGreaterThan(0);
    expect(colorLevel({ isTTY: false }, {})).toBe(0);
  });

  it('honours NO_COLOR, FORCE_COLOR and TERM=dumb', () => {
    expect(colorLevel({ isTTY: true }, { NO_COLOR: '1' })).toBe(0);
    expect(colorLevel({ isTTY: true }, { NO_COLOR: '' })).toBeGreaterThan(0);
    expect(colorLevel({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(1);
    expect(colorLevel({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(0);
    expect(colorLevel({ isTTY: true }, { TERM: 'dumb' })).toBe(0);
    expect(colorLevel({ isTTY: true }, { TERM: 'xterm-256color' })).toBe(2);
  });
});

describe('createOutput', () => {
  it('draws the tree in colour on a terminal and plain in a pipe', async () => {
    const tty = fakeIO({ stdoutTTY: true, stderrTTY: true, env: { TERM: 'xterm' } });
    emit(await createOutput({ format: 'tree' }, tty), tty, 'sample.txt', sampleDocument());
    expect(tty.out()).toContain(ESC);
    expect(tty.err()).toContain(ESC);
    const pipe = fakeIO();
    emit(await createOutput({ format: 'tree' }, pipe), pipe, 'sample.txt', sampleDocument());
    expect(pipe.out()).not.toContain(ESC);
    expect(pipe.err()).toBe('sample.txt:4:1 warning numbering-gap （三） expected after （一）, found （二）\n');
  });

  it('asks for exit 1 under --strict when there is a warning', async () => {
    const io = fakeIO();
    const strict = await createOutput({ strict: true, quiet: true }, io);
    expect(emit(strict, io, 's', sampleDocument())).toBe(1);
    expect(io.err()).toBe('');
    const other = fakeIO();
    expect(emit(await createOutput({}, other), other, 's', sampleDocument())).toBe(0);
    expect(strict.exitCodeFor(sampleDocument().diagnostics.filter((d) => d.severity === 'info'))).toBe(0);
  });

  it('prints JSON pretty on a terminal and compact in a pipe unless told', async () => {
    const doc = sampleDocument();
    expect(rendered(await createOutput({}, fakeIO({ stdoutTTY: true })), doc)).toContain('\n  "version"');
    expect(rendered(await createOutput({}, fakeIO()), doc).trimEnd()).not.toContain('\n');
    expect(rendered(await createOutput({ compact: true }, fakeIO({ stdoutTTY: true })), doc).trimEnd()).not.toContain('\n');
    expect(rendered(await createOutput({ pretty: true }, fakeIO()), doc)).toContain('\n  "version"');
  });

  it('writes diagnostics as JSON lines for tools', async () => {
    const io = fakeIO({ stderrTTY: true });
    emit(await createOutput({ diagnostics: 'json' }, io), io, 's.txt', sampleDocument());
    const lines = io.err().trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ file: 's.txt', code: 'numbering-gap', line: 4, column: 1 })]);
  });
});

describe('several inputs', () => {
  it.each(['markdown', 'text', 'tree'])('%s: a blank line between documents', async (format) => {
    const io = fakeIO();
    const output = await createOutput({ format }, io);
    emit(output, io, 'a.txt', sampleDocument());
    const first = io.out();
    emit(output, io, 'b.txt', sampleDocument());
    expect(io.out()).toBe(first + '\n' + first);
  });

  it('json: one document a line in a pipe', async () => {
    const io = fakeIO();
    const output = await createOutput({ format: 'json' }, io);
    emit(output, io, 'a.txt', sampleDocument());
    emit(output, io, 'b.txt', sampleDocument());
    expect(io.out().trimEnd().split('\n').map((l) => JSON.parse(l).version)).toEqual(['1.0', '1.0']);
  });
});
