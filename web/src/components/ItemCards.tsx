// The items beside a text: provisions (奖补条款) and tax preferences with their parameters,
// targets, budget lines, routes to higher-level support and milestones.
import type { ReactNode } from 'react';
import { Tag } from 'antd';
import type {
  BudgetView, MilestoneView, ParameterView, ProvisionView, RouteView, TargetView, TaxPreferenceView,
} from '../../../src/services/policy-views.ts';
import { MESSAGES, useI18n, type I18n, type MessageKey } from '../i18n.ts';
import { DeptTag, DeptTags } from './DeptTags.tsx';
import { WhereLink } from './WhereLink.tsx';
import { Facts, ItemFrame, ItemHeader, Notes, Quote, type Emphasis } from './ItemFrame.tsx';

const UNSET_PHRASES = [/（待配套政策明确）/g, /\s*\(unset: left to implementing rules\)/g, /^待配套政策明确$/, /^unset: left to implementing rules$/];

/** The amount text without the unset marker, which is shown as a tag instead. */
export function amountWithoutUnset(text: string): string {
  return UNSET_PHRASES.reduce((s, re) => s.replace(re, ''), text).trim();
}

export function UnsetTag() {
  const { t } = useI18n();
  return <Tag color="orange" data-testid="unset-tag" className="unset-tag">{t('provision.unset')}</Tag>;
}

/** A provision's amount: the stated amount in red, or the unset marker as a tag. */
export function Amount({ provision }: { provision: Pick<ProvisionView, 'amount_text' | 'status'> }) {
  const { pick } = useI18n();
  const text = pick(provision.amount_text);
  if (provision.status === 'stated') return <span className="amount" data-testid="amount">{text}</span>;
  const rest = amountWithoutUnset(text);
  return (
    <span className="amount amount-unset" data-testid="amount">
      {rest && <span className="amount-rest">{rest}</span>}
      <UnsetTag />
    </span>
  );
}

export function FirmnessTag({ target }: { target: Pick<TargetView, 'firmness' | 'marker'> }) {
  const { t, isEn } = useI18n();
  const color = target.firmness === 'firm' ? 'red' : target.firmness === 'soft' ? 'orange' : 'default';
  const label = isEn ? `${t(`firmness.${target.firmness}`)}${target.marker && target.firmness !== 'firm' ? ` · ${target.marker}` : ''}` : (target.marker ?? t('firmness.plain'));
  return <Tag color={color} data-testid="firmness">{label}</Tag>;
}

function Parameters({ parameters, i18n }: { parameters: readonly ParameterView[]; i18n: I18n }) {
  const { t, pick } = i18n;
  if (parameters.length === 0) return null;
  return (
    <div className="parameters">
      <div className="parameters-label">{t('provision.parameters')}</div>
      {parameters.map((p) => (
        <div className="parameter" key={p.id} data-testid="parameter">
          <div className="parameter-main">
            <span className="parameter-name">{pick(p.label)}</span>
            <span className={p.value === null ? 'parameter-value is-unset' : 'parameter-value'}>{pick(p.value_text)}</span>
          </div>
          <div className="parameter-source">
            <span lang="zh-CN">「{p.quote}」</span> · {t('common.source')}: {p.source}
          </div>
        </div>
      ))}
    </div>
  );
}

export function ProvisionCard({ provision: p, emphasis }: { provision: ProvisionView; emphasis?: Emphasis }) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  return (
    <ItemFrame kind="provision" id={p.id} code={p.catalogue} emphasis={emphasis}>
      <ItemHeader code={p.catalogue} kind="provision" title={p.title} />
      <div className="item-amount"><Amount provision={p} /></div>
      <Facts rows={[
        [t('provision.basis'), t(`basis.${p.basis}`)],
        [t('provision.beneficiary'), t(`beneficiary.${p.beneficiary}`)],
        [t('provision.department'), <DeptTag dept={p.department} key="d" />],
        [t('provision.frequency'), t(`frequency.${p.frequency}`)],
        [t('provision.event'), <span lang="en" key="e">{p.event}</span>],
        p.period && [t('provision.period'), <span key="p">{pick(p.period.description)} <span className="muted" lang="zh-CN">「{p.period.quote}」</span></span>],
        p.excludes.length > 0 && [t('provision.excludes'), p.excludes.join('、')],
      ]} />
      <Parameters parameters={p.parameters} i18n={i18n} />
      <Notes notes={p.notes} />
    </ItemFrame>
  );
}

export function TaxPreferenceCard({ tax, emphasis }: { tax: TaxPreferenceView; emphasis?: Emphasis }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ItemFrame kind="tax_preference" id={tax.id} code={tax.catalogue} emphasis={emphasis}>
      <ItemHeader code={tax.catalogue} kind="tax_preference" title={tax.title} />
      <Facts rows={[
        [t('provision.beneficiary'), t(`beneficiary.${tax.beneficiary}`)],
        [t('provision.basis'), tax.basis === 'stated' ? t('basis.stated') : <UnsetTag key="u" />],
      ]} />
      <Parameters parameters={tax.parameters} i18n={i18n} />
      <Notes notes={tax.notes} />
    </ItemFrame>
  );
}

export function TargetCard({ target, emphasis }: { target: TargetView; emphasis?: Emphasis }) {
  const { t } = useI18n();
  return (
    <ItemFrame kind="target" id={target.id} code={target.id} emphasis={emphasis}>
      <ItemHeader code={target.id} kind="target" title={target.metric} />
      <div className="item-amount">
        <span className="target-value" data-testid="target-value">{target.value_text}</span>
        <FirmnessTag target={target} />
      </div>
      <Facts rows={[
        target.responsible.length > 0 && [t('common.responsible'), <DeptTags depts={target.responsible} key="r" />],
        target.same_as.length > 0 && [t('common.sameAs'), target.same_as.join('、')],
      ]} />
      <Notes notes={target.notes} />
    </ItemFrame>
  );
}

export function BudgetCard({ budget, emphasis, withQuote = false }: { budget: BudgetView; emphasis?: Emphasis; withQuote?: boolean }) {
  const { t, pick } = useI18n();
  const where = withQuote && [t('target.where'), <WhereLink where={budget.where} key="w" />] as [ReactNode, ReactNode];
  return (
    <ItemFrame kind="budget" id={budget.id} code={budget.id} emphasis={emphasis}>
      <ItemHeader code={budget.id} kind="budget" title={budget.label} />
      <div className="item-amount">
        <span className={budget.kind === 'unstated' ? 'amount amount-muted' : 'amount'} data-testid="budget-amount">{pick(budget.amount_text)}</span>
        {budget.kind !== 'unstated' && <Tag>{t(`budgetKind.${budget.kind}`)}</Tag>}
      </div>
      {withQuote && <Quote text={budget.quote} />}
      <Facts rows={[where, budget.same_as.length > 0 && [t('common.sameAs'), budget.same_as.join('、')]]} />
      <Notes notes={budget.notes} />
    </ItemFrame>
  );
}

export function RouteCard({ route, emphasis }: { route: RouteView; emphasis?: Emphasis }) {
  const { t } = useI18n();
  const aimed = `beneficiary.${route.aimed_at}`;
  const known = aimed in MESSAGES['zh-CN'];
  return (
    <ItemFrame kind="route" id={route.id} code={route.id} emphasis={emphasis}>
      <ItemHeader code={route.id} kind="route" title={route.title} />
      <Facts rows={[[t('route.aimedAt'), known ? t(aimed as MessageKey) : route.aimed_at]]} />
    </ItemFrame>
  );
}

export function MilestoneCard({ milestone, emphasis }: { milestone: MilestoneView; emphasis?: Emphasis }) {
  return (
    <ItemFrame kind="milestone" id={milestone.id} code={milestone.id} emphasis={emphasis}>
      <ItemHeader code={milestone.id} kind="milestone" title={milestone.metric} />
    </ItemFrame>
  );
}
