// The answer editors of the question groups: a list of entries, the financial-years table, the
// incubation records with their rent, and the single-answer groups (welfare, software tax …).
import type { ReactNode } from 'react';
import { Button, InputNumber, Radio } from 'antd';
import { useI18n, type MessageKey } from '../i18n.ts';
import { FieldInput, LabelledField } from './FieldInput.tsx';
import {
  financialYears, INCUBATION_FIELDS, isBlank, isComplete, isEmptyRow, LIST_FIELDS, WELFARE_FLAGS,
  type FieldSpec, type Row, type Value,
} from './draft.ts';
import { formatYuan } from './format.ts';
import type { GroupId } from './vocabulary.ts';

interface EditorProps {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  year: number;
}

const setAt = (rows: Row[], i: number, patch: Row): Row[] => rows.map((r, j) => (j === i ? { ...r, ...patch } : r));

function Entry({ index, fields, row, onChange, onRemove, extra }: { index: number; fields: readonly FieldSpec[]; row: Row; onChange: (patch: Row) => void; onRemove: () => void; extra?: ReactNode }) {
  const { t } = useI18n();
  const incomplete = !isEmptyRow(row) && !isComplete(row, fields);
  return (
    <div className={`calc-entry${incomplete ? ' is-incomplete' : ''}`} data-testid="calc-entry">
      <div className="calc-entry-head">
        <span className="calc-entry-title">{t('calc.entry', { n: index + 1 })}</span>
        {incomplete && <span className="calc-entry-warning" data-testid="entry-incomplete">{t('calc.incomplete')}</span>}
        <Button size="small" type="text" danger onClick={onRemove} data-testid={`list-remove-${index}`}>{t('calc.remove')}</Button>
      </div>
      <div className="calc-entry-fields">
        {fields.map((f) => (
          <LabelledField
            key={f.name}
            spec={f}
            value={row[f.name]}
            onChange={(v) => onChange({ [f.name]: v })}
            testId={`field-${f.name}-${index}`}
            missing={incomplete && f.required === true && isBlank(row[f.name])}
          />
        ))}
      </div>
      {extra}
    </div>
  );
}

function AddButton({ onClick }: { onClick: () => void }) {
  const { t } = useI18n();
  return <Button onClick={onClick} data-testid="list-add" className="calc-add">＋ {t('calc.add')}</Button>;
}

/** Entries of a list question, each a small form. */
export function ListEditor({ group, rows, onChange }: EditorProps & { group: GroupId }) {
  const fields = LIST_FIELDS[group] ?? [];
  return (
    <div className="calc-list" data-testid={`editor-${group}`}>
      {rows.map((row, i) => (
        <Entry key={i} index={i} fields={fields} row={row} onChange={(patch) => onChange(setAt(rows, i, patch))} onRemove={() => onChange(rows.filter((_, j) => j !== i))} />
      ))}
      <AddButton onClick={() => onChange([...rows, {}])} />
    </div>
  );
}

const FY_SPECS: FieldSpec[] = [{ name: 'revenue', type: 'money' }, { name: 'rd_expense', type: 'money' }, { name: 'above_scale', type: 'bool' }];
const FY_HEAD: Record<string, MessageKey> = { revenue: 'calc.fy.revenue', rd_expense: 'calc.fy.rd', above_scale: 'calc.fy.aboveScale' };

/** Years Y-3 … Y-1 as table rows: revenue, R&D expense, above scale. */
export function FinancialYearsEditor({ rows, onChange, year }: EditorProps) {
  const { t } = useI18n();
  const years = financialYears(year);
  const rowOf = (y: number) => rows.find((r) => r.year === y) ?? { year: y };
  const update = (y: number, name: string, value: Value) => {
    const others = rows.filter((r) => r.year !== y);
    onChange([...others, { ...rowOf(y), [name]: value }].sort((a, b) => Number(a.year) - Number(b.year)));
  };
  return (
    <div className="fy-table-wrap" data-testid="editor-financial_years">
      <table className="fy-table">
        <thead>
          <tr>
            <th>{t('calc.fy.year')}</th>
            {FY_SPECS.map((f) => <th key={f.name}>{t(FY_HEAD[f.name]!)}</th>)}
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y} data-testid={`fy-row-${y}`}>
              <th scope="row">{t('calc.fy.yearValue', { y })}</th>
              {FY_SPECS.map((f) => (
                <td key={f.name}>
                  <FieldInput spec={f} value={rowOf(y)[f.name]} onChange={(v) => update(y, f.name, v)} testId={`fy-${f.name}-${y}`} ariaLabel={`${y} ${f.name}`} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RentEditor({ row, onChange, year }: { row: Row; onChange: (patch: Row) => void; year: number }) {
  const { t, lang } = useI18n();
  const monthly = row._rentMode === 'monthly';
  const money = (v: Value, set: (n: number | undefined) => void, testId: string, label: string) => (
    <InputNumber<number> className="number-field" value={typeof v === 'number' ? v : null} min={0} precision={0} controls={false} onChange={(n) => set(typeof n === 'number' ? n : undefined)} suffix={t('calc.yuan')} data-testid={testId} aria-label={label} />
  );
  return (
    <div className="rent-editor">
      <div className="calc-field-label">{t('calc.rent.title', { year })}</div>
      <Radio.Group size="small" value={monthly ? 'monthly' : 'same'} onChange={(e) => onChange({ _rentMode: e.target.value as string })} options={[{ value: 'same', label: t('calc.rent.same', { year }) }, { value: 'monthly', label: t('calc.rent.monthly') }]} />
      {!monthly && (
        <div className="rent-same">
          {money(row._rentSame, (n) => onChange({ _rentSame: n }), 'rent-same', t('calc.rent.perMonth'))}
          <span className="muted">{t('calc.rent.perMonth')}{typeof row._rentSame === 'number' ? ` · ${t('calc.rent.yearTotal')} ${formatYuan(row._rentSame * 12, lang)}` : ''}</span>
        </div>
      )}
      {monthly && (
        <div className="rent-months">
          {Array.from({ length: 12 }, (_, i) => (
            <div key={i} className="rent-month">
              <span className="muted">{t('calc.rent.month', { m: i + 1 })}</span>
              {money(row[`_rent${i}`], (n) => onChange({ [`_rent${i}`]: n }), `rent-month-${i + 1}`, `${year}-${i + 1}`)}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** Incubation records: carrier, level, entry and graduation, and the rent paid in the policy year. */
export function IncubationEditor({ rows, onChange, year }: EditorProps) {
  return (
    <div className="calc-list" data-testid="editor-incubation">
      {rows.map((row, i) => (
        <Entry
          key={i}
          index={i}
          fields={INCUBATION_FIELDS}
          row={row}
          onChange={(patch) => onChange(setAt(rows, i, patch))}
          onRemove={() => onChange(rows.filter((_, j) => j !== i))}
          extra={<RentEditor row={row} onChange={(patch) => onChange(setAt(rows, i, patch))} year={year} />}
        />
      ))}
      <AddButton onClick={() => onChange([...rows, { _rentMode: 'same' }])} />
    </div>
  );
}

export const SINGLE_FIELDS: Partial<Record<GroupId, FieldSpec[]>> = {
  welfare: WELFARE_FLAGS.map((name) => ({ name, type: 'bool' as const })),
  software_tax: [{ name: 'first_profit_year', type: 'year', required: true }, { name: 'statutory_rate_percent', type: 'percent', required: true }],
  industrial: [{ name: 'industrial', type: 'bool' }],
  above_scale_entry_year: [{ name: 'above_scale_entry_year', type: 'year' }],
};

/** Groups answered once (not a list): a few fields in one row. */
export function SingleEditor({ group, rows, onChange }: EditorProps & { group: GroupId }) {
  const row = rows[0] ?? {};
  return (
    <div className={`calc-single calc-single-${group}`} data-testid={`editor-${group}`}>
      {(SINGLE_FIELDS[group] ?? []).map((f) => (
        <LabelledField key={f.name} spec={f} value={row[f.name]} onChange={(v) => onChange([{ ...row, [f.name]: v }])} testId={`field-${f.name}`} />
      ))}
    </div>
  );
}

/** The editor of a group. */
export function GroupEditor({ group, ...props }: EditorProps & { group: GroupId }) {
  if (group === 'financial_years') return <FinancialYearsEditor {...props} />;
  if (group === 'incubation') return <IncubationEditor {...props} />;
  if (SINGLE_FIELDS[group]) return <SingleEditor group={group} {...props} />;
  return <ListEditor group={group} {...props} />;
}
