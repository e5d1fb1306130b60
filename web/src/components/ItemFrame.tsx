// The frame of one item beside the text (a provision, a target…): it emphasises the item and its
// phrase in the text when hovered or selected, and pieces shared by the item cards.
import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { useI18n } from '../i18n.ts';
import { itemKey } from '../segments.ts';
import { KIND_TAG_COLOR, type ItemKind } from '../theme.ts';

export interface Emphasis {
  /** The item selected by a click (kept until another click). */
  active: string | null;
  /** The item under the pointer. */
  hover: string | null;
  onHover: (key: string | null, from: 'text' | 'item') => void;
  onSelect: (key: string, from: 'text' | 'item') => void;
}

export function itemElementId(kind: string, id: string): string {
  return `item-${kind}-${id}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

export function ItemFrame({ kind, id, code, emphasis, children }: { kind: ItemKind; id: string; code: string; emphasis?: Emphasis; children: ReactNode }) {
  const key = itemKey(kind, id);
  const emphasised = emphasis !== undefined && (emphasis.hover ?? emphasis.active) === key;
  return (
    <div
      id={itemElementId(kind, id)}
      className={`item-card item-${kind}${emphasised ? ' is-emphasised' : ''}${emphasis?.active === key ? ' is-active' : ''}`}
      data-testid={`item-${kind}`}
      data-item-key={key}
      data-code={code}
      onMouseEnter={emphasis ? () => emphasis.onHover(key, 'item') : undefined}
      onMouseLeave={emphasis ? () => emphasis.onHover(null, 'item') : undefined}
      onClick={emphasis ? (event) => {
        if ((event.target as HTMLElement).closest('a')) return; // links inside the card navigate
        emphasis.onSelect(key, 'item');
      } : undefined}
    >
      {children}
    </div>
  );
}

export function ItemHeader({ code, kind, title, extra }: { code?: string; kind: ItemKind; title: { zh: string; en: string } | string; extra?: ReactNode }) {
  const { isEn } = useI18n();
  const zh = typeof title === 'string' ? title : title.zh;
  const en = typeof title === 'string' ? undefined : title.en;
  return (
    <div className="item-header">
      {code && <Tag color={KIND_TAG_COLOR[kind]} className="item-code">{code}</Tag>}
      <span className="item-title" lang={isEn && en ? 'en' : 'zh-CN'}>{isEn && en ? en : zh}</span>
      {isEn && en && <div className="item-title-sub" lang="zh-CN">{zh}</div>}
      {extra && <div className="item-extra">{extra}</div>}
    </div>
  );
}

/** A small definition list that stays readable on a phone. */
export function Facts({ rows }: { rows: ([ReactNode, ReactNode] | false | null | undefined)[] }) {
  const shown = rows.filter((r): r is [ReactNode, ReactNode] => Array.isArray(r));
  if (shown.length === 0) return null;
  return (
    <dl className="facts">
      {shown.map(([label, value], i) => (
        <div className="fact" key={i}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Notes({ notes }: { notes: readonly string[] }) {
  const { t } = useI18n();
  if (notes.length === 0) return null;
  return (
    <div className="item-notes">
      <div className="item-notes-label">{t('common.notes')}</div>
      <ul lang="en">
        {notes.map((n, i) => <li key={i}>{n}</li>)}
      </ul>
    </div>
  );
}

export function Quote({ text }: { text: string }) {
  return <blockquote className="item-quote" lang="zh-CN">{text}</blockquote>;
}
