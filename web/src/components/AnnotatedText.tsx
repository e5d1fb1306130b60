// The original text with the quoted phrases of its items highlighted. Highlights may nest or
// overlap: the text is cut into non-overlapping segments, each carrying every item covering it,
// coloured by its innermost item. Search terms are wrapped in <mark>.
import { useMemo, type KeyboardEvent } from 'react';
import type { Highlight } from '../../../src/services/policy-views.ts';
import { itemKey, segment, type Segment } from '../segments.ts';
import type { Emphasis } from './ItemFrame.tsx';

interface Props {
  text: string;
  highlights: readonly Highlight[];
  marks?: readonly [number, number][];
  emphasis?: Emphasis;
  /** Tooltip of an item, by key (kind:id). */
  labelOf?: (key: string) => string;
}

export function AnnotatedText({ text, highlights, marks = [], emphasis, labelOf }: Props) {
  const segments = useMemo(() => segment(text, highlights, marks), [text, highlights, marks]);
  const emphasised = emphasis ? (emphasis.hover ?? emphasis.active) : null;

  const select = (seg: Segment<Highlight['kind']>) => {
    if (!emphasis || seg.items.length === 0) return;
    const keys = seg.items.map((s) => itemKey(s.kind, s.id));
    // A click on a nested phrase selects the innermost item, the next click the item around it.
    const at = emphasis.active ? keys.indexOf(emphasis.active) : -1;
    emphasis.onSelect(keys[at >= 0 && at + 1 < keys.length ? at + 1 : 0]!, 'text');
  };

  return (
    <div className="policy-text" data-testid="article-text" lang="zh-CN">
      {segments.map((seg) => {
        const content = seg.marked ? <mark>{seg.text}</mark> : seg.text;
        if (seg.items.length === 0) return <span key={seg.start}>{content}</span>;
        const keys = seg.items.map((s) => itemKey(s.kind, s.id));
        const inner = seg.items[0]!;
        const isOn = emphasised !== null && keys.includes(emphasised);
        const depth = Math.min(seg.items.length, 3);
        return (
          <span
            key={seg.start}
            data-testid="highlight"
            data-kind={inner.kind}
            data-keys={keys.join(' ')}
            className={`hl hl-${inner.kind} hl-depth-${depth}${isOn ? ' is-emphasised' : ''}`}
            title={labelOf ? keys.map(labelOf).join('\n') : undefined}
            role={emphasis ? 'button' : undefined}
            tabIndex={emphasis ? 0 : undefined}
            onMouseEnter={emphasis ? () => emphasis.onHover(keys[0]!, 'text') : undefined}
            onMouseLeave={emphasis ? () => emphasis.onHover(null, 'text') : undefined}
            onClick={() => select(seg)}
            onKeyDown={(event: KeyboardEvent) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                select(seg);
              }
            }}
          >
            {content}
          </span>
        );
      })}
    </div>
  );
}
