/** An error the user can fix (bad YAML, unknown check id, missing file): one line, exit code 2. */
export class InputError extends Error {
  /** `masked`: what the lines quote from the input is masked already (the CLI masks other lines as free text). */
  constructor(
    readonly lines: string[],
    readonly masked = false,
  ) {
    super(lines.join('\n'));
    this.name = 'InputError';
  }

  static at(file: string, line: number, column: number, message: string): InputError {
    return new InputError([`${file}:${line}:${column}: ${message}`]);
  }
}
