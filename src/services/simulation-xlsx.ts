// A simulation report as a workbook (XLSX), for the budget meeting: 汇总 (summary and the rounding rule),
// 按政策项 (per provision), 按条款 (per article), 按领域 (per domain), 按部门 (per department), 预算对照 (against the
// pack's budget lines; D09 is net of overlaps), 分布 (how many beneficiaries get how much), and, with a reform,
// 改革对比 (baseline against reform per provision and domain, winners and losers). Every figure is the report's.
import ExcelJS from 'exceljs';
import type { GroupLine, SimulationReport, VariantReport } from './simulation.ts';
import { sheetOf } from './xlsx-sheets.ts';

export const SIMULATION_SHEETS = ['汇总', '按政策项', '按条款', '按领域', '按部门', '预算对照', '分布'] as const;
export const REFORM_SHEET = '改革对比';

// With a reform, each variant gets its own columns side by side; without, only the baseline's.
const variants = (report: SimulationReport): { label: string; v: VariantReport }[] =>
  report.reform ? [{ label: '现行', v: report.baseline }, { label: '改革', v: report.reform }] : [{ label: '现行', v: report.baseline }];

function groupSheet(workbook: ExcelJS.Workbook, name: string, keyHeader: string, report: SimulationReport, pick: (v: VariantReport) => GroupLine[]): void {
  const vs = variants(report);
  const sheet = sheetOf(workbook, name, [keyHeader, '名称', ...vs.flatMap(({ label }) => [`${label}人次`, `${label}测算金额（元）`, `${label}待定人次`])], [10, 40]);
  for (const line of pick(report.baseline)) {
    sheet.addRow([line.key, line.title, ...vs.flatMap(({ v }) => {
      const g = pick(v).find((x) => x.key === line.key);
      return [g?.awards ?? 0, g?.cost_yuan ?? 0, g?.pending ?? 0];
    })]);
  }
}

export async function simulationXlsx(report: SimulationReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Zhida';
  const vs = variants(report);

  const summary = sheetOf(workbook, '汇总', ['项目', '内容'], [28, 90]);
  summary.addRows([
    ['测算人群', `${report.population.name}（${report.population.size} 户，${report.population.source}）`],
    ['政策版本', report.edition], ['年度', report.year], ['截至日期', report.as_of], ['已测算企业', report.evaluated],
    ...vs.map(({ label, v }) => [`${label}测算总额（元，资金类，不含税收优惠）`, v.total_cost_yuan]),
    ...(report.reform ? [['改革参数', Object.entries(report.reform.parameters).map(([k, n]) => `${k} = ${n}`).join('；')]] : []),
    ...(report.comparison ? [['总额变化（元）', report.comparison.total_change_yuan], ['受益增加户数', report.comparison.winners], ['受益减少户数', report.comparison.losers], ['不变户数', report.comparison.unchanged]] : []),
    ['取整规则', report.rounding],
  ]);

  const provisions = sheetOf(workbook, '按政策项', ['政策项', '名称', '类型', '条款', '领域', '部门', '申领率%',
    ...vs.flatMap(({ label }) => [`${label}符合条件`, `${label}申领人次`, `${label}应享金额（元）`, `${label}测算金额（元）`, `${label}金额待定`])], [22, 40, 10, 6, 6, 14, 8]);
  report.baseline.provisions.forEach((p, i) => {
    provisions.addRow([p.id, p.title, p.kind === 'grant' ? '资金' : '税收优惠', p.article ?? '', p.domain ?? '', p.department ?? '', p.take_up_percent,
      ...vs.flatMap(({ v }) => { const l = v.provisions[i]!; return [l.eligible, l.claimants, l.amount_yuan, l.cost_yuan, l.pending]; })]);
  });

  groupSheet(workbook, '按条款', '条款', report, (v) => v.articles);
  groupSheet(workbook, '按领域', '领域', report, (v) => v.domains);
  groupSheet(workbook, '按部门', '部门', report, (v) => v.departments);

  const budgets = sheetOf(workbook, '预算对照', ['预算指标', '名称', '类型', '范围', '预算（元）', ...vs.flatMap(({ label }) => [`${label}测算（元）`, `${label}占比%`]), '说明'], [10, 50, 10, 12, 18]);
  report.baseline.budgets.forEach((b, i) => {
    budgets.addRow([b.id, b.label, b.kind, b.scope, b.budget_yuan, ...vs.flatMap(({ v }) => [v.budgets[i]!.cost_yuan, v.budgets[i]!.share_percent]), b.note ?? '']);
  });

  const distribution = sheetOf(workbook, '分布', ['每户金额自（元）', '至（元）', ...vs.map(({ label }) => `${label}户数`)], [18, 18]);
  distribution.addRow(['未获资金', '', ...vs.map(({ v }) => v.distribution.none)]);
  report.baseline.distribution.bands.forEach((band, i) => {
    distribution.addRow([band.from_yuan, band.to_yuan ?? '以上', ...vs.map(({ v }) => v.distribution.bands[i]!.beneficiaries)]);
  });

  if (report.comparison) {
    const c = report.comparison;
    const reform = sheetOf(workbook, REFORM_SHEET, ['分组', '编号', '名称', '现行（元）', '改革（元）', '变化（元）'], [10, 22, 40, 18, 18, 18]);
    reform.addRow(['合计', '', '', report.baseline.total_cost_yuan, report.reform!.total_cost_yuan, c.total_change_yuan]);
    for (const d of c.domains) reform.addRow(['领域', d.key, d.title, d.baseline_yuan, d.reform_yuan, d.change_yuan]);
    for (const p of c.provisions) {
      if (p.change_yuan !== 0) reform.addRow(['政策项', p.id, report.baseline.provisions.find((l) => l.id === p.id)?.title ?? p.id, p.baseline_yuan, p.reform_yuan, p.change_yuan]);
    }
    reform.addRow([]);
    reform.addRow(['受益增加户数', c.winners]);
    reform.addRow(['受益减少户数', c.losers]);
    reform.addRow(['不变户数', c.unchanged]);
  }

  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row, n) => {
      if (n > 1) row.eachCell((cell) => { if (typeof cell.value === 'number' && Number.isInteger(cell.value) && Math.abs(cell.value) >= 1000) cell.numFmt = '#,##0'; });
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
