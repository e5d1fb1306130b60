// Money is whole yuan (元) as an integer; 万元 and 亿元 are display units only.

const WAN = 10_000;
const YI = 100_000_000;

/** Exact decimal of n / unit with no trailing zeros, computed in integers (no float rounding). */
function exactQuotient(n: number, unit: number): string {
  const whole = Math.trunc(n / unit);
  let rest = n - whole * unit;
  if (rest === 0) return String(whole);
  let digits = '';
  for (let scale = unit / 10; rest > 0 && scale >= 1; scale /= 10) {
    const digit = Math.trunc(rest / scale);
    digits += String(digit);
    rest -= digit * scale;
  }
  return `${whole}.${digits}`;
}

/** 300000 → "30万元", 1820000000 → "18.2亿元", 15400 → "15400元" as the text writes it (en: "300,000 yuan"). */
export function formatYuan(amount: number, lang: 'zh' | 'en' = 'zh'): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money must be an integer number of yuan: ${amount}`);
  if (lang === 'en') return `${amount.toLocaleString('en-US')} yuan`;
  const sign = amount < 0 ? '-' : '';
  const n = Math.abs(amount);
  if (n >= YI && n % (YI / 10) === 0) return `${sign}${exactQuotient(n, YI)}亿元`;
  if (n >= WAN && n % (WAN / 10) === 0) return `${sign}${exactQuotient(n, WAN)}万元`;
  return `${sign}${n}元`;
}
