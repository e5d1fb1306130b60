// Exit codes and output helpers shared by the CLI commands.
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** An error the user can act on: printed as one line, no stack, with its exit code. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.failure) {
    super(message);
  }
}

export type Lang = 'zh' | 'en';

export function parseLang(value: string | undefined): Lang {
  if (value === undefined || value === 'zh' || value === 'zh-CN') return 'zh';
  if (value === 'en' || value === 'en-US') return 'en';
  throw new CliError(`--lang must be zh or en, got "${value}"`, EXIT.usage);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Pads by display width: CJK characters take two columns in a terminal. */
export function padDisplay(text: string, width: number): string {
  let w = 0;
  for (const ch of text) w += /[\u1100-\uFFFF]/.test(ch) ? 2 : 1;
  return text + ' '.repeat(Math.max(0, width - w));
}
