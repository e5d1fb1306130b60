// Words for facts and steps in a trace, in Chinese and English, generated from the rule itself.
import { formatYuan } from '../money.ts';
import type { Bilingual } from '../pack-schema.ts';
import type { Expr, FinancialField, ProfileFact, Scalar } from './expr.ts';

const FACTS: Record<ProfileFact, Bilingual> = {
  kind: { zh: '主体类型', en: 'kind of beneficiary' },
  industrial: { zh: '是否工业企业', en: 'industrial enterprise' },
  above_scale_entry_year: { zh: '首次上规纳统年份', en: 'year of first entry into the above-scale statistics' },
  'welfare.dibao_household': { zh: '是否低保家庭', en: 'minimum-living-allowance (低保) household' },
  'welfare.elderly_in_hardship': { zh: '是否困难老年人', en: 'elderly person in hardship' },
  'welfare.assisted_reproduction_needed': { zh: '是否确需实施辅助生殖技术', en: 'assisted reproduction genuinely needed' },
  'welfare.trade_in_digital_purchase': { zh: '是否按国家政策购买数码产品', en: 'digital product bought under the national trade-in scheme' },
  'welfare.event_hotel_stay': { zh: '是否观演入住', en: 'hotel stay by a concert or event attendee' },
  'software_tax.first_profit_year': { zh: '获利年度', en: 'first profitable year' },
  'software_tax.statutory_rate_percent': { zh: '法定所得税税率', en: 'statutory income-tax rate' },
};

const FINANCIAL: Record<FinancialField, Bilingual> = {
  revenue: { zh: '营业收入', en: 'revenue' },
  rd_expense: { zh: '研发费用', en: 'R&D expense' },
  above_scale: { zh: '是否规上', en: 'above scale' },
  taxable_profit: { zh: '应纳税所得额', en: 'taxable profit' },
};

const FIELDS: Record<string, Bilingual> = {
  type: { zh: '类型', en: 'type' }, level: { zh: '级别', en: 'level' }, event: { zh: '认定事项', en: 'event' },
  date: { zh: '日期', en: 'date' }, year: { zh: '年度', en: 'year' }, amount: { zh: '金额', en: 'amount' },
  registered_on: { zh: '登记日期', en: 'registration date' }, kind: { zh: '类别', en: 'kind' },
  key_sector: { zh: '是否工业重点行业', en: 'key industrial sector' }, actual_investment: { zh: '实际投资额', en: 'actual investment' },
  landmark: { zh: '能否形成标志性成果', en: 'can produce landmark results' }, key_country: { zh: '是否重点国别', en: 'key country' },
  carrier: { zh: '载体类型', en: 'carrier' }, carrier_level: { zh: '载体级别', en: 'carrier level' }, entered: { zh: '入驻日期', en: 'entry date' },
  graduated: { zh: '毕业出孵日期', en: 'graduation date' }, month: { zh: '月份', en: 'month' }, grade: { zh: '等次', en: 'grade' },
  enterprise_led: { zh: '是否企业牵头', en: 'enterprise-led' }, above_scale: { zh: '是否规上', en: 'above scale' },
  revenue: { zh: '营业收入', en: 'revenue' }, rd_expense: { zh: '研发费用', en: 'R&D expense' }, taxable_profit: { zh: '应纳税所得额', en: 'taxable profit' }, valid_until: { zh: '有效期至', en: 'valid until' },
};

const LISTS: Record<string, Bilingual> = {
  recognitions: { zh: '资质认定', en: 'recognitions' }, assessments: { zh: '考核评价', en: 'assessments' },
  financial_years: { zh: '财务年度', en: 'financial years' }, incubation: { zh: '入驻孵化记录', en: 'incubation records' },
  contracts: { zh: '技术合同', en: 'technology contracts' }, projects: { zh: '项目', en: 'projects' }, premiums: { zh: '保费', en: 'premiums' },
  prizes: { zh: '科技奖励', en: 'prizes' }, grants_received: { zh: '上级资助', en: 'higher-level grants' }, compute_spend: { zh: '算力支出', en: 'compute spending' },
  rent: { zh: '月租金', en: 'monthly rents' },
};

const MONEY_FIELDS = new Set(['amount', 'actual_investment', 'revenue', 'rd_expense', 'taxable_profit']);

export const factLabel = (path: ProfileFact): Bilingual => FACTS[path];
export const fyLabel = (year: number, field: FinancialField): Bilingual => ({ zh: `${year}年${FINANCIAL[field].zh}`, en: `${FINANCIAL[field].en} ${year}` });
export const fieldLabel = (name: string): Bilingual => FIELDS[name] ?? { zh: name, en: name };
export const isMoneyField = (name: string): boolean => MONEY_FIELDS.has(name);

export function displayValue(value: Scalar, money: boolean): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number' && money) return formatYuan(value);
  return String(value);
}

const OP_WORDS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '!=': '≠' };

const described = new WeakMap<Expr, Bilingual>();

/** A short description of a node, used when the rule gives no label (computed once per node). */
export function describeNode(e: Expr): Bilingual {
  let label = described.get(e);
  if (!label) {
    label = describeUncached(e);
    described.set(e, label);
  }
  return label;
}

function describeUncached(e: Expr): Bilingual {
  const name = (x: Expr): Bilingual => x.label ?? (
    x.k === 'fact' ? FACTS[x.path]
      : x.k === 'fy' ? { zh: `${x.offset === -1 ? '上年' : x.offset === -2 ? '前年' : `第${x.offset}年`}${FINANCIAL[x.field].zh}`, en: `${FINANCIAL[x.field].en} (year ${x.offset})` }
        : x.k === 'field' ? fieldLabel(x.name)
          : x.k === 'param' ? { zh: x.id, en: x.id }
            : x.k === 'lit' ? { zh: String(x.value), en: String(x.value) }
              : x.k === 'year' ? { zh: `政策年度${x.offset ? `${x.offset > 0 ? '+' : ''}${x.offset}` : ''}`, en: `policy year${x.offset ? ` ${x.offset > 0 ? '+' : ''}${x.offset}` : ''}` }
                : x.k === 'yearBound' ? { zh: x.end ? '年末' : '年初', en: x.end ? 'end of year' : 'start of year' }
                  : { zh: '…', en: '…' });
  switch (e.k) {
    case 'cmp': return { zh: `${name(e.a).zh} ${OP_WORDS[e.op]} ${name(e.b).zh}`, en: `${name(e.a).en} ${OP_WORDS[e.op]} ${name(e.b).en}` };
    case 'oneOf': return { zh: `${name(e.a).zh} 属于 ${e.values.join('/')}`, en: `${name(e.a).en} is one of ${e.values.join('/')}` };
    case 'ratioAtLeast': return e.plus === 100
      ? { zh: `${name(e.num).zh}较${name(e.den).zh}增长率达到门槛`, en: `growth of ${name(e.num).en} over ${name(e.den).en} reaches the threshold` }
      : { zh: `${name(e.num).zh}占${name(e.den).zh}比例达到门槛`, en: `${name(e.num).en} as a share of ${name(e.den).en} reaches the threshold` };
    case 'and': return { zh: '以下条件均满足', en: 'all of these hold' };
    case 'or': return { zh: '满足以下任一条件', en: 'any of these holds' };
    case 'not': return { zh: `并非：${describeNode(e.item).zh}`, en: `not: ${describeNode(e.item).en}` };
    case 'arith': return { zh: { add: '合计', sub: '差额', mul: '乘积', min: '取较小值', max: '取较大值' }[e.op], en: { add: 'sum', sub: 'difference', mul: 'product', min: 'the smaller of', max: 'the larger of' }[e.op] };
    case 'pct': return { zh: `${name(e.base).zh} × ${name(e.rate).zh}`, en: `${name(e.base).en} × ${name(e.rate).en}` };
    case 'scale': return { zh: `${name(e.base).zh} × ${name(e.ratio).zh}`, en: `${name(e.base).en} × ${name(e.ratio).en}` };
    case 'if': return { zh: '按条件取值', en: 'depending on a condition' };
    case 'addYears': return { zh: '日期推算', en: 'date plus years' };
    case 'known': return { zh: `已有${name(e.item).zh}`, en: `${name(e.item).en} is given` };
    case 'quant': {
      const key = typeof e.list === 'string' ? e.list : e.list.name;
      const list = LISTS[key] ?? { zh: key, en: key };
      return {
        sum: { zh: `符合条件的${list.zh}合计`, en: `sum over matching ${list.en}` },
        count: { zh: `符合条件的${list.zh}数量`, en: `number of matching ${list.en}` },
        exists: { zh: `有符合条件的${list.zh}`, en: `some of the ${list.en} match` },
        every: { zh: `全部${list.zh}符合条件`, en: `every one of the ${list.en} matches` },
      }[e.q];
    }
    default: return name(e);
  }
}
