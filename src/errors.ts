/** An input the tool refuses (exit 2): unreadable, binary, undecodable. The CLI prints `message` as one line. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
