// One answer field: text, date, money in whole yuan, year, percent, yes/no/unknown or a choice.
import { Input, InputNumber, Radio, Select } from 'antd';
import { useI18n } from '../i18n.ts';
import type { FieldSpec, Value } from './draft.ts';
import { formatYuan } from './format.ts';
import { fieldLabel, optionLabel } from './vocabulary.ts';

const thousands = (v: string | number | undefined) => (v === undefined || v === '' ? '' : String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
const digits = (v: string | undefined) => (v ?? '').replace(/[^\d]/g, '');

interface Props {
  spec: FieldSpec;
  value: Value;
  onChange: (value: Value) => void;
  testId: string;
  /** Shown instead of the field's own label (e.g. a table column already names it). */
  ariaLabel?: string;
}

export function FieldInput({ spec, value, onChange, testId, ariaLabel }: Props) {
  const { t, pick, lang } = useI18n();
  const label = ariaLabel ?? pick(fieldLabel(spec.name));
  switch (spec.type) {
    case 'text':
      return <Input value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} data-testid={testId} aria-label={label} allowClear />;
    case 'date':
      return <Input type="date" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)} data-testid={testId} aria-label={label} min="1949-01-01" max="2100-12-31" />;
    case 'money':
      return (
        <div className="money-field">
          <InputNumber<number>
            className="number-field"
            value={typeof value === 'number' ? value : null}
            min={0}
            precision={0}
            step={10000}
            controls={false}
            formatter={thousands}
            parser={(v) => Number(digits(v))}
            onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
            suffix={t('calc.yuan')}
            data-testid={testId}
            aria-label={label}
          />
          {typeof value === 'number' && value >= 10000 && <span className="money-hint">{formatYuan(value, lang)}</span>}
        </div>
      );
    case 'year':
    case 'percent':
      return (
        <InputNumber<number>
          className="number-field"
          value={typeof value === 'number' ? value : null}
          min={spec.type === 'year' ? 1949 : 0}
          max={spec.type === 'year' ? 2100 : 100}
          precision={0}
          controls={false}
          onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
          suffix={spec.type === 'percent' ? '%' : undefined}
          placeholder={spec.type === 'year' ? 'YYYY' : undefined}
          data-testid={testId}
          aria-label={label}
        />
      );
    case 'bool':
      return (
        <Radio.Group
          size="small"
          optionType="button"
          value={value === true ? 'yes' : value === false ? 'no' : 'unknown'}
          onChange={(e) => onChange(e.target.value === 'yes' ? true : e.target.value === 'no' ? false : undefined)}
          data-testid={testId}
          aria-label={label}
          options={[
            { value: 'yes', label: t('calc.yes') },
            { value: 'no', label: t('calc.no') },
            { value: 'unknown', label: t('calc.unknown') },
          ]}
        />
      );
    case 'select':
      return (
        <Select
          className="select-field"
          value={typeof value === 'string' ? value : undefined}
          onChange={(v: string | undefined) => onChange(v)}
          allowClear
          placeholder={t('calc.choose')}
          data-testid={testId}
          aria-label={label}
          popupMatchSelectWidth={false}
          options={(spec.options ?? []).map((o) => ({ value: o, label: pick(optionLabel(o)) }))}
        />
      );
  }
}

/** A field with its label above it; required fields are starred. */
export function LabelledField(props: Props & { missing?: boolean }) {
  const { pick } = useI18n();
  return (
    <div className={`calc-field calc-field-${props.spec.type} calc-field-name-${props.spec.name}${props.missing ? ' is-missing' : ''}`}>
      <span className="calc-field-label">
        {pick(fieldLabel(props.spec.name))}
        {props.spec.required && <span className="calc-required" aria-hidden="true">*</span>}
      </span>
      <FieldInput {...props} />
    </div>
  );
}
