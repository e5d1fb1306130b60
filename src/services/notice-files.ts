// The public notice as a spreadsheet (公示名单): what the public may see, identifiers masked.
import ExcelJS from 'exceljs';
import type { Pack } from '../core/pack.ts';
import type { Db } from '../store/database.ts';
import { notFound } from './errors.ts';
import { articleOf, provisionOf } from './money-views.ts';
import { getNotice } from './notices.ts';

export const NOTICE_COLUMNS = ['序号', '企业（单位）名称', '统一社会信用代码', '政策条款', '奖补事项', '金额（元）', '主管部门', '公示期'] as const;

export async function noticeXlsx(db: Db, pack: Pack, id: string): Promise<{ filename: string; bytes: Buffer }> {
  const notice = await getNotice(db, pack, id);
  if (!notice) throw notFound(`notice ${id}`);
  const provisionByApp = new Map((await db.selectFrom('applications').select(['id', 'provision']).where('notice_id', '=', id).execute()).map((a) => [a.id, a.provision]));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Zhida';
  workbook.title = notice.title;
  // The header is the first row, so that the list reads back as a table; the title is the workbook's.
  const sheet = workbook.addWorksheet('公示名单');
  sheet.addRow([...NOTICE_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  notice.items.forEach((item, i) => {
    const provision = provisionOf(pack, provisionByApp.get(item.application_id) ?? '');
    sheet.addRow([
      i + 1, item.beneficiary_name, item.credit_code_masked, `${pack.meta.document_number}${articleOf(pack, provision) ?? ''}`,
      item.provision_title, item.amount_yuan, notice.department, `${notice.starts_on} 至 ${notice.ends_on}`,
    ]);
  });
  sheet.columns.forEach((c, i) => { c.width = [6, 36, 22, 24, 36, 14, 12, 26][i] ?? 14; });
  return { filename: `${notice.id}.xlsx`, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
