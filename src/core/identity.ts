// Identity numbers of beneficiaries, with their check digits. Pure.

const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of a 统一社会信用代码 from its first 17 characters (GB 32100-2015). */
export function creditCodeCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARS.indexOf(first17[i]!);
    if (value < 0) return undefined;
    sum += value * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31];
}

/** Why a 统一社会信用代码 is invalid, or undefined when it is valid. */
export function creditCodeProblem(code: string): string | undefined {
  if (code.length !== 18) return `a unified social credit code has 18 characters, this has ${code.length}`;
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return 'a unified social credit code uses digits and the letters A-H J-N P Q R T U W X Y (no I, O, S, V, Z), with a 6-digit area code in positions 3-8';
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return `wrong check character: expected ${expected}, got ${code[17]}`;
  return undefined;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of an 18-digit 居民身份证号码 from its first 17 digits (GB 11643-1999). */
export function idCardCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11];
}

/** Why a 居民身份证号码 is invalid, or undefined when it is valid. */
export function idCardProblem(id: string): string | undefined {
  if (!/^\d{17}[\dX]$/.test(id)) return 'a resident identity card number has 17 digits and a check digit or X';
  const birth = id.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replace(/-/g, '') !== birth) return `birth date ${birth} is not a calendar date`;
  const expected = idCardCheckChar(id.slice(0, 17));
  if (expected !== id[17]) return `wrong check digit: expected ${expected}, got ${id[17]}`;
  return undefined;
}

/** Masks an identity number for public notice: keeps the first 6 and the last 4 characters. */
export function maskIdentity(id: string): string {
  return id.length <= 10 ? '*'.repeat(id.length) : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
