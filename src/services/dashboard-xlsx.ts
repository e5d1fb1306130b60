// The dashboard as a workbook (XLSX) for the monthly report: 领域概览 (domains), 目标进度 (every target and
// milestone with its pace), 预算执行 (budget lines), 兑现情况 (awards paid by domain and department).
import ExcelJS from 'exceljs';
import type { Pack } from '../core/pack.ts';
import { PACE_RULE, PACE_STATUS_LABELS, type PaceStatus } from '../core/pace.ts';
import type { Db } from '../store/database.ts';
import type { Actor } from './actor.ts';
import { dashboard } from './dashboard.ts';
import { targetViews } from './targets.ts';
import { sheetOf } from './xlsx-sheets.ts';

const STATUS_ZH = (status: PaceStatus): string => PACE_STATUS_LABELS[status].zh;

export async function dashboardXlsx(db: Db, pack: Pack, actor: Actor, asOfParam?: string): Promise<{ asOf: string; bytes: Buffer }> {
  const report = await dashboard(db, pack, actor, asOfParam);
  const targets = await targetViews(db, pack, report.asOf);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Zhida';

  const overview = sheetOf(workbook, '领域概览', ['领域', '牵头单位', '已完成', '正常推进', '存在风险', '进度滞后', '未报送', '预算安排（元）', '已下达（元）', '已预留（元）', '已拨付（元）', '兑现笔数', '兑现金额（元）'],
    [30, 12, 8, 8, 8, 8, 8, 16, 16, 16, 16, 10, 16]);
  for (const d of report.domains) {
    overview.addRow([d.name.zh, d.lead, d.targets.met, d.targets['on-track'], d.targets['at-risk'], d.targets.behind, d.targets['no-report'],
      d.budget?.planned ?? null, d.budget?.allocated ?? null, d.budget?.reserved ?? null, d.budget?.paid ?? null, d.awardsPaid.count, d.awardsPaid.amount]);
  }
  overview.addRow([]);
  overview.addRow([`截至 ${report.asOf}，年度进度 ${(report.yearElapsed * 100).toFixed(1)}%`]);
  overview.addRow([`进度规则：${PACE_RULE.zh}`]);

  const progress = sheetOf(workbook, '目标进度', ['编号', '类型', '领域', '条款', '指标', '目标值', '单位', '方向', '责任单位', '牵头单位', '最新值', '截至日期', '报送单位', '预期值', '预计全年', '状态', '规则', '下次报送截止', '逾期', '数据来源'],
    [8, 8, 6, 6, 40, 10, 10, 6, 30, 10, 10, 12, 12, 10, 10, 10, 36, 14, 6, 10]);
  for (const t of targets) {
    progress.addRow([t.id, t.kind === 'target' ? '指标' : '节点', t.domain, t.article ?? '', t.metric.zh,
      t.target.numerator ? `${t.target.numerator}/${t.target.denominator}` : t.target.value, t.target.unit, t.target.direction, t.responsible.join('、'), t.lead,
      t.latest?.value ?? null, t.latest?.asOf ?? '', t.latest?.by ?? '', t.pace.expected, t.pace.forecast, STATUS_ZH(t.pace.status), t.pace.rule,
      t.due.nextReportBy ?? '', t.due.overdue ? '是' : '', t.derived ? '系统计算' : t.latest ? '部门报送' : '']);
  }

  const budget = sheetOf(workbook, '预算执行', ['预算指标', '名称', '预算安排（元）', '已下达（元）', '已预留（元）', '已拨付（元）', '执行率'], [16, 50, 18, 18, 18, 18, 10]);
  for (const l of report.budgetLines) {
    budget.addRow([l.id, l.label, l.planned, l.allocated, l.reserved, l.paid, l.allocated > 0 ? l.paid / l.allocated : null]);
  }
  budget.getColumn(7).numFmt = '0.0%';

  const awards = sheetOf(workbook, '兑现情况', ['分组', '名称', '笔数', '金额（元）'], [10, 40, 10, 18]);
  for (const d of report.domains) awards.addRow(['领域', d.name.zh, d.awardsPaid.count, d.awardsPaid.amount]);
  for (const a of report.awardsByDepartment) awards.addRow(['部门', a.department, a.count, a.amount]);

  for (const sheet of [overview, budget, awards]) {
    sheet.eachRow((row, n) => {
      if (n > 1) row.eachCell((cell) => { if (typeof cell.value === 'number' && Number.isInteger(cell.value) && cell.value >= 1000) cell.numFmt = '#,##0'; });
    });
  }
  return { asOf: report.asOf, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
