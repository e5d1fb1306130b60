// The words of the beneficiary profile in Chinese and English: the fact groups the calculator asks
// about, the fields of their entries and the values of their choices (the enums of src/core/profile.ts).
import type { Bilingual } from '../i18n.ts';

export type GroupId =
  | 'recognitions' | 'financial_years' | 'contracts' | 'projects' | 'premiums' | 'prizes' | 'grants_received'
  | 'incubation' | 'assessments' | 'welfare' | 'software_tax' | 'industrial' | 'above_scale_entry_year' | 'compute_spend';

/** Every question group, in the order of the "all questions" list. */
export const GROUPS: readonly GroupId[] = [
  'recognitions', 'financial_years', 'contracts', 'projects', 'premiums', 'prizes', 'grants_received',
  'incubation', 'assessments', 'welfare', 'software_tax', 'industrial', 'above_scale_entry_year', 'compute_spend',
];

export const isGroup = (fact: string): fact is GroupId => (GROUPS as readonly string[]).includes(fact);

export const GROUP_TEXT: Record<GroupId, { title: Bilingual; help: Bilingual; none: Bilingual }> = {
  recognitions: {
    title: { zh: '资质认定', en: 'Recognitions' },
    help: { zh: '国家高新技术企业、科技型中小企业、孵化器、重点实验室等认定或入选，每项一条。', en: 'High-tech enterprise, S&T SME, incubator, key laboratory … one entry per recognition.' },
    none: { zh: '没有任何资质认定', en: 'No recognitions' },
  },
  financial_years: {
    title: { zh: '近三年财务数据', en: 'Financial years' },
    help: { zh: '营业收入与研发费用以元为单位填写整数；不清楚的留空。', en: 'Revenue and R&D expense in whole yuan; leave blank what you do not know.' },
    none: { zh: '没有财务数据', en: 'No financial data' },
  },
  contracts: {
    title: { zh: '技术合同', en: 'Technology contracts' },
    help: { zh: '经认定登记的技术合同，每份一条。', en: 'Registered technology contracts, one entry each.' },
    none: { zh: '没有认定登记的技术合同', en: 'No registered contracts' },
  },
  projects: {
    title: { zh: '项目', en: 'Projects' },
    help: { zh: '设备更新项目、创新联合体重大科技项目。', en: 'Equipment upgrades and major projects of innovation consortia.' },
    none: { zh: '没有此类项目', en: 'No such projects' },
  },
  premiums: {
    title: { zh: '出口信用保险保费', en: 'Export credit insurance' },
    help: { zh: '短期出口信用保险的实缴保费。', en: 'Premiums paid for short-term export credit insurance.' },
    none: { zh: '没有投保', en: 'No premiums' },
  },
  prizes: {
    title: { zh: '国家科学技术奖', en: 'National S&T prizes' },
    help: { zh: '国家最高科学技术奖、科技进步奖特等奖、一等奖、二等奖。', en: 'State top science award, progress award special, first and second prizes.' },
    none: { zh: '没有获奖', en: 'No prizes' },
  },
  grants_received: {
    title: { zh: '已获上级资助', en: 'Higher-level grants received' },
    help: { zh: '市级研发补助、省重点实验室资助、上级科技保险补助、市重点软件企业奖励等。', en: 'City R&D grants, provincial key-lab grants, insurance subsidies, city software rewards.' },
    none: { zh: '没有上级资助', en: 'No higher-level grants' },
  },
  incubation: {
    title: { zh: '入驻孵化载体', en: 'Incubation' },
    help: { zh: '入驻的孵化器或众创空间、毕业日期与实付房租。', en: 'The incubator or maker space, graduation and the rent actually paid.' },
    none: { zh: '未入驻孵化载体', en: 'Never incubated' },
  },
  assessments: {
    title: { zh: '考核与绩效评价', en: 'Assessments' },
    help: { zh: '孵化器、众创空间的考核或年度绩效评价结果。', en: 'Assessment and annual evaluation results of incubators and maker spaces.' },
    none: { zh: '没有考核结果', en: 'No assessments' },
  },
  welfare: {
    title: { zh: '家庭与个人情况', en: 'Household and personal circumstances' },
    help: { zh: '逐项选择“是”或“否”；不清楚的选“不清楚”。', en: 'Answer yes or no for each; choose “not sure” when you do not know.' },
    none: { zh: '以上都不是', en: 'None of these' },
  },
  software_tax: {
    title: { zh: '软件企业所得税', en: 'Software income tax' },
    help: { zh: '获利年度与不享受优惠时适用的法定税率。', en: 'First profitable year and the statutory rate without the preference.' },
    none: { zh: '不适用（不再询问）', en: 'Not applicable (do not ask again)' },
  },
  industrial: {
    title: { zh: '是否工业企业', en: 'Industrial enterprise' },
    help: { zh: '是否属于工业企业。', en: 'Whether the enterprise is an industrial enterprise.' },
    none: { zh: '不是工业企业', en: 'Not industrial' },
  },
  above_scale_entry_year: {
    title: { zh: '首次上规年份', en: 'Year of entry above scale' },
    help: { zh: '首次纳入规模以上统计的年份。', en: 'The year it first entered the above-scale statistics.' },
    none: { zh: '未上规（不再询问）', en: 'Never above scale (do not ask again)' },
  },
  compute_spend: {
    title: { zh: '算力支出', en: 'Compute spending' },
    help: { zh: '各年度购买算力的支出。', en: 'Spending on compute power, by year.' },
    none: { zh: '没有算力支出', en: 'No compute spending' },
  },
};

export const FIELD_LABELS: Record<string, Bilingual> = {
  type: { zh: '类型', en: 'Type' }, level: { zh: '级别', en: 'Level' }, event: { zh: '认定事项', en: 'Event' },
  date: { zh: '日期', en: 'Date' }, certificate: { zh: '证书编号', en: 'Certificate' }, valid_until: { zh: '有效期至', en: 'Valid until' },
  enterprise_led: { zh: '企业牵头', en: 'Enterprise-led' }, kind: { zh: '类别', en: 'Kind' }, carrier: { zh: '载体', en: 'Carrier' },
  grade: { zh: '等次', en: 'Grade' }, year: { zh: '年度', en: 'Year' }, revenue: { zh: '营业收入', en: 'Revenue' },
  rd_expense: { zh: '研发费用', en: 'R&D expense' }, above_scale: { zh: '规上', en: 'Above scale' },
  id: { zh: '编号', en: 'Number' }, registered_on: { zh: '登记日期', en: 'Registered on' }, amount: { zh: '金额', en: 'Amount' },
  key_sector: { zh: '工业重点行业', en: 'Key sector' }, actual_investment: { zh: '实际投资额', en: 'Actual investment' },
  landmark: { zh: '能形成标志性成果', en: 'Landmark results' }, key_country: { zh: '重点国别', en: 'Key country' },
  reference: { zh: '文件编号', en: 'Reference' }, carrier_level: { zh: '载体级别', en: 'Carrier level' },
  entered: { zh: '入驻日期', en: 'Entered' }, graduated: { zh: '毕业出孵日期', en: 'Graduated' }, rent: { zh: '实付房租', en: 'Rent paid' },
  first_profit_year: { zh: '获利年度', en: 'First profitable year' }, statutory_rate_percent: { zh: '法定税率（%）', en: 'Statutory rate (%)' },
  dibao_household: { zh: '低保家庭', en: 'Minimum-allowance (低保) household' },
  elderly_in_hardship: { zh: '困难老年人', en: 'Elderly person in hardship' },
  assisted_reproduction_needed: { zh: '确需实施辅助生殖技术', en: 'Assisted reproduction genuinely needed' },
  trade_in_digital_purchase: { zh: '按国家政策购买数码产品', en: 'Digital product bought under the trade-in scheme' },
  event_hotel_stay: { zh: '观演入住酒店', en: 'Hotel stay for a concert or event' },
  industrial: { zh: '工业企业', en: 'Industrial enterprise' }, above_scale_entry_year: { zh: '首次上规年份', en: 'First year above scale' },
  name: { zh: '名称', en: 'Name' },
};

/** Labels of enum values, across the profile's enums (a value means the same wherever it appears). */
export const OPTION_LABELS: Record<string, Bilingual> = {
  'sci-tech-sme': { zh: '科技型中小企业', en: 'S&T SME' },
  'high-tech-enterprise': { zh: '国家高新技术企业', en: 'National high-tech enterprise' },
  eaglet: { zh: '新雏鹰企业', en: 'Eaglet enterprise' },
  incubator: { zh: '科技企业孵化器', en: 'Incubator' },
  'maker-space': { zh: '众创空间', en: 'Maker space' },
  'overseas-innovation-incubation-centre': { zh: '海外创新孵化中心', en: 'Overseas innovation incubation centre' },
  'overseas-sci-tech-innovation-centre': { zh: '海外科技创新中心', en: 'Overseas S&T innovation centre' },
  'manufacturing-innovation-centre': { zh: '制造业创新中心', en: 'Manufacturing innovation centre' },
  'key-laboratory': { zh: '重点实验室', en: 'Key laboratory' },
  'proof-of-concept-centre': { zh: '概念验证中心', en: 'Proof-of-concept centre' },
  'pilot-test-base': { zh: '中试基地', en: 'Pilot test base' },
  'leading-innovation-team': { zh: '领军型创新创业团队', en: 'Leading innovation team' },
  'software-enterprise': { zh: '符合条件的软件企业', en: 'Qualifying software enterprise' },
  'key-software-enterprise': { zh: '国家鼓励的重点软件企业', en: 'Key software enterprise' },
  'innovation-consortium': { zh: '创新联合体', en: 'Innovation consortium' },
  'sci-tech-platform': { zh: '科创平台', en: 'S&T platform' },
  national: { zh: '国家级', en: 'National' }, provincial: { zh: '省级', en: 'Provincial' }, city: { zh: '市级', en: 'City' }, district: { zh: '区级', en: 'District' },
  new: { zh: '新认定', en: 'Newly recognised' }, reexam: { zh: '通过复审', en: 'Passed re-examination' }, recognised: { zh: '认定', en: 'Recognised' },
  excellence: { zh: '考核', en: 'Assessment' }, performance: { zh: '年度绩效评价', en: 'Annual evaluation' },
  excellent: { zh: '优秀', en: 'Excellent' }, 'five-star': { zh: '五星', en: 'Five stars' }, 'four-star': { zh: '四星', en: 'Four stars' }, other: { zh: '其他', en: 'Other' },
  'equipment-upgrade': { zh: '设备更新', en: 'Equipment upgrade' }, 'consortium-major-project': { zh: '创新联合体重大科技项目', en: 'Consortium major project' },
  'short-term-export-credit': { zh: '短期出口信用保险', en: 'Short-term export credit' },
  'state-top-sci': { zh: '国家最高科学技术奖', en: 'State top science award' },
  'state-progress-special': { zh: '国家科技进步奖特等奖', en: 'Progress award, special prize' },
  'state-first': { zh: '国家科学技术奖一等奖', en: 'State S&T award, first prize' },
  'state-second': { zh: '国家科学技术奖二等奖', en: 'State S&T award, second prize' },
  'city-rd-grant': { zh: '市级研发补助', en: 'City R&D grant' },
  'provincial-key-lab-grant': { zh: '省重点实验室资助', en: 'Provincial key-lab grant' },
  'superior-tech-insurance-grant': { zh: '上级科技保险补助', en: 'Higher-level tech insurance grant' },
  'city-key-software-reward': { zh: '市重点软件企业奖励', en: 'City key software enterprise reward' },
  enterprise: { zh: '企业', en: 'Enterprise' }, institution: { zh: '机构', en: 'Institution' }, team: { zh: '团队', en: 'Team' },
  individual: { zh: '个人', en: 'Individual' }, household: { zh: '家庭', en: 'Household' },
};

export const KINDS = ['enterprise', 'incubator', 'maker-space', 'institution', 'team', 'individual', 'household'] as const;
export const KIND_LABELS: Record<(typeof KINDS)[number], Bilingual> = {
  enterprise: { zh: '企业', en: 'Enterprise' }, incubator: { zh: '孵化器', en: 'Incubator' }, 'maker-space': { zh: '众创空间', en: 'Maker space' },
  institution: { zh: '机构', en: 'Institution' }, team: { zh: '团队', en: 'Team' }, individual: { zh: '个人', en: 'Individual' }, household: { zh: '家庭', en: 'Household' },
};

export const optionLabel = (value: string): Bilingual => (Object.hasOwn(OPTION_LABELS, value) ? OPTION_LABELS[value]! : { zh: value, en: value });
export const fieldLabel = (name: string): Bilingual => (Object.hasOwn(FIELD_LABELS, name) ? FIELD_LABELS[name]! : { zh: name, en: name });
