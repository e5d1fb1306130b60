// A report sheet as the exports write it (dashboard, simulation): a bold, frozen header row and column widths.
import type ExcelJS from 'exceljs';

export function sheetOf(workbook: ExcelJS.Workbook, name: string, header: string[], widths: number[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(header);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((c, i) => { c.width = widths[i] ?? 14; });
  return sheet;
}
