/**
 * The styles a human-facing formatter may apply. The library never colours: it
 * uses `plain`; the CLI fills these in with chalk when the stream is a terminal.
 * Keeping colour behind this interface keeps chalk out of the library's imports.
 */
export interface Paint {
  /** article titles, file names */
  title(text: string): string;
  /** numbering markers as written: 一、 （五） 38. —— */
  marker(text: string): string;
  heading(text: string): string;
  /** previews, ids, secondary facts */
  dim(text: string): string;
  error(text: string): string;
  warning(text: string): string;
  info(text: string): string;
}

const same = (text: string) => text;

export const plain: Paint = {
  title: same,
  marker: same,
  heading: same,
  dim: same,
  error: same,
  warning: same,
  info: same,
};
