// A text with its items beside it (stacked under it on a phone). Hovering a highlighted phrase
// emphasises its item and, after a moment, brings it into view; clicking scrolls to it. The same
// works from the item back to the phrase.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Card, Col, Empty, Grid, Row, Tag } from 'antd';
import type { ArticleDetail } from '../../../src/services/policy-views.ts';
import { useI18n } from '../i18n.ts';
import { itemKey } from '../segments.ts';
import { ITEM_KINDS, KIND_TAG_COLOR, type ItemKind } from '../theme.ts';
import { AnnotatedText } from './AnnotatedText.tsx';
import { BudgetCard, MilestoneCard, ProvisionCard, RouteCard, TargetCard, TaxPreferenceCard } from './ItemCards.tsx';
import { itemElementId, type Emphasis } from './ItemFrame.tsx';

export type SectionItems = Pick<ArticleDetail, 'text' | 'provisions' | 'tax_preferences' | 'targets' | 'milestones' | 'budgets' | 'routes' | 'highlights'>;

interface Props {
  section: SectionItems;
  marks?: readonly [number, number][];
  /** Shown above the text, inside its card (e.g. the responsible units). */
  textExtra?: ReactNode;
  /** Shown under the text card (e.g. previous / next links). */
  textFooter?: ReactNode;
  textTitle: ReactNode;
}

const HOVER_SCROLL_DELAY_MS = 350;

function scrollToElement(element: Element | null, block: ScrollLogicalPosition): void {
  element?.scrollIntoView({ behavior: 'smooth', block });
}

export function AnnotatedSection({ section, marks, textExtra, textFooter, textTitle }: Props) {
  const { t, pick } = useI18n();
  const screens = Grid.useBreakpoint();
  const sideBySide = screens.lg === true;
  const textRef = useRef<HTMLDivElement>(null);
  const timer = useRef<number | undefined>(undefined);
  const [active, setActive] = useState<string | null>(null);
  const [hover, setHover] = useState<string | null>(null);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const cardOf = useCallback((key: string) => {
    const [kind, ...rest] = key.split(':');
    return document.getElementById(itemElementId(kind ?? '', rest.join(':')));
  }, []);
  const phraseOf = useCallback((key: string) => textRef.current?.querySelector(`[data-keys~="${CSS.escape(key)}"]`) ?? null, []);

  const emphasis: Emphasis = useMemo(() => ({
    active,
    hover,
    onHover: (key, from) => {
      setHover(key);
      window.clearTimeout(timer.current);
      if (key && from === 'text' && sideBySide) timer.current = window.setTimeout(() => scrollToElement(cardOf(key), 'nearest'), HOVER_SCROLL_DELAY_MS);
    },
    onSelect: (key, from) => {
      setActive(key);
      window.clearTimeout(timer.current);
      if (from === 'text') scrollToElement(cardOf(key), sideBySide ? 'nearest' : 'center');
      else scrollToElement(phraseOf(key), sideBySide ? 'nearest' : 'center');
    },
  }), [active, hover, sideBySide, cardOf, phraseOf]);

  const labels = useMemo(() => {
    const map = new Map<string, string>();
    const add = (kind: ItemKind, id: string, code: string, title: string) => map.set(itemKey(kind, id), `${t(`kind.${kind}`)} ${code} · ${title}`);
    for (const p of section.provisions) add('provision', p.id, p.catalogue, `${pick(p.title)} — ${pick(p.amount_text)}`);
    for (const x of section.tax_preferences) add('tax_preference', x.id, x.catalogue, pick(x.title));
    for (const x of section.targets) add('target', x.id, x.id, `${pick(x.metric)} ${x.value_text}`);
    for (const x of section.budgets) add('budget', x.id, x.id, `${pick(x.label)} ${pick(x.amount_text)}`);
    for (const x of section.routes) add('route', x.id, x.id, pick(x.title));
    for (const x of section.milestones) add('milestone', x.id, x.id, pick(x.metric));
    return map;
  }, [section, t, pick]);

  const counts: Record<ItemKind, number> = {
    provision: section.provisions.length,
    tax_preference: section.tax_preferences.length,
    target: section.targets.length,
    budget: section.budgets.length,
    route: section.routes.length,
    milestone: section.milestones.length,
  };
  const kindsPresent = ITEM_KINDS.filter((k) => counts[k] > 0);

  const group = (kind: ItemKind, cards: ReactNode[]) => counts[kind] > 0 && (
    <section className="item-group" key={kind} data-testid={`group-${kind}`}>
      <h3 className="item-group-title">
        <Tag color={KIND_TAG_COLOR[kind]}>{counts[kind]}</Tag>
        {t(`kind.${kind}`)}
      </h3>
      {cards}
    </section>
  );

  return (
    <Row gutter={[{ xs: 0, lg: 24 }, 16]} className="annotated">
      <Col xs={24} lg={13}>
        <div className="text-column">
          <Card className="text-card" title={textTitle} size="small">
            {textExtra}
            <div ref={textRef}>
              <AnnotatedText text={section.text} highlights={section.highlights} marks={marks} emphasis={emphasis} labelOf={(k) => labels.get(k) ?? k} />
            </div>
            {kindsPresent.length > 0 && (
              <div className="legend" aria-label={t('article.legend')}>
                {kindsPresent.map((k) => (
                  <span className="legend-item" key={k}><span className={`legend-swatch hl-${k}`} />{t(`kind.${k}`)}</span>
                ))}
                <div className="legend-hint">{t('article.hint')}</div>
              </div>
            )}
          </Card>
          {textFooter}
        </div>
      </Col>
      <Col xs={24} lg={11}>
        <div className="item-panel" data-testid="item-panel">
          {kindsPresent.length === 0 && <Card size="small"><Empty description={t('article.noItems')} /></Card>}
          {group('provision', section.provisions.map((p) => <ProvisionCard key={p.id} provision={p} emphasis={emphasis} />))}
          {group('tax_preference', section.tax_preferences.map((x) => <TaxPreferenceCard key={x.id} tax={x} emphasis={emphasis} />))}
          {group('target', section.targets.map((x) => <TargetCard key={x.id} target={x} emphasis={emphasis} />))}
          {group('budget', section.budgets.map((x) => <BudgetCard key={x.id} budget={x} emphasis={emphasis} />))}
          {group('route', section.routes.map((x) => <RouteCard key={x.id} route={x} emphasis={emphasis} />))}
          {group('milestone', section.milestones.map((x) => <MilestoneCard key={x.id} milestone={x} emphasis={emphasis} />))}
        </div>
      </Col>
    </Row>
  );
}
