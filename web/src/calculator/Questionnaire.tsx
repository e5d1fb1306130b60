// The questionnaire side of the calculator: who is asking (name, id, kind), the current question with
// its "none" and "skip" answers, and the list of questions with how each was answered.
import { useState } from 'react';
import { Alert, Button, Card, Input, Radio, Tag } from 'antd';
import { useI18n } from '../i18n.ts';
import { hasEntries, incompleteRows } from './draft.ts';
import { GroupEditor } from './Editors.tsx';
import type { Questionnaire } from './useQuestionnaire.ts';
import { GROUP_TEXT, GROUPS, KIND_LABELS, KINDS, type GroupId } from './vocabulary.ts';

const PERSON = new Set(['individual', 'household']);

function Problems({ q, prefix }: { q: Questionnaire; prefix: (path: string) => boolean }) {
  const { pick } = useI18n();
  const problems = q.ev.problems.filter((p) => prefix(p.path));
  if (problems.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="calc-problems"
      data-testid="calculator-problems"
      title={problems.map((p) => <div key={p.path + p.message.en}>{pick(p.message)}</div>)}
    />
  );
}

export function IdentityCard({ q }: { q: Questionnaire }) {
  const { t, pick } = useI18n();
  const [editing, setEditing] = useState(false);
  const { identity } = q.draft;
  const person = identity.kind !== undefined && PERSON.has(identity.kind);
  const ready = identity.name.trim() !== '' && identity.id.trim() !== '' && identity.kind !== undefined;
  if (q.started && !editing) {
    return (
      <Card size="small" className="calc-card identity-summary" data-testid="calculator-identity">
        <div className="identity-line">
          <b>{identity.name}</b>
          {identity.kind && <Tag>{pick(KIND_LABELS[identity.kind])}</Tag>}
          <span className="muted identity-id">{identity.id}</span>
          <Button size="small" type="link" onClick={() => setEditing(true)} data-testid="identity-edit">{t('calc.edit')}</Button>
        </div>
        <Problems q={q} prefix={(p) => p === '$.id' || p === '$.name' || p === '$.kind'} />
      </Card>
    );
  }
  return (
    <Card size="small" className="calc-card" title={t('calc.identity.title')} data-testid="calculator-identity">
      <div className="calc-field">
        <span className="calc-field-label">{t('calc.identity.kind')}</span>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="small"
          value={identity.kind}
          onChange={(e) => q.setIdentity({ kind: e.target.value as (typeof KINDS)[number] })}
          data-testid="calculator-kind"
          className="kind-choice"
          options={KINDS.map((k) => ({ value: k, label: pick(KIND_LABELS[k]) }))}
        />
      </div>
      <label className="calc-field">
        <span className="calc-field-label">{person ? t('calc.identity.person') : t('calc.identity.org')}</span>
        <Input value={identity.name} onChange={(e) => q.setIdentity({ name: e.target.value })} data-testid="calculator-name" maxLength={200} />
      </label>
      <label className="calc-field">
        <span className="calc-field-label">{person ? t('calc.identity.idCard') : t('calc.identity.creditCode')}</span>
        <Input
          value={identity.id}
          onChange={(e) => q.setIdentity({ id: e.target.value.toUpperCase() })}
          data-testid="calculator-id"
          maxLength={18}
          placeholder={person ? '330108198001010016' : '91330108MA2AY1234G'}
          className="mono"
        />
      </label>
      <Problems q={q} prefix={(p) => p === '$.id' || p === '$.name' || p === '$.kind'} />
      {q.ev.error && <Alert type="error" showIcon title={q.ev.error} />}
      {q.started ? (
        <Button onClick={() => setEditing(false)} data-testid="identity-done">{t('calc.done')}</Button>
      ) : (
        <Button type="primary" disabled={!ready} loading={q.starting} onClick={q.start} data-testid="calculator-start">{t('calc.start')}</Button>
      )}
    </Card>
  );
}

export function QuestionCard({ q, group }: { q: Questionnaire; group: GroupId }) {
  const { t, pick } = useI18n();
  const text = GROUP_TEXT[group];
  const rows = q.draft.rows[group] ?? [];
  const incomplete = incompleteRows(group, rows);
  const entries = hasEntries(group, rows, q.year);
  const blocking = q.ev.evaluation?.next_questions.find((n) => n.fact === group)?.provisions ?? [];
  const catalogue = new Map(q.ev.evaluation?.results.map((r) => [r.provision, r.catalogue]) ?? []);
  const answered = q.draft.answers[group];
  return (
    <Card size="small" className="calc-card calc-question" data-testid="calculator-question" data-fact={group} title={<span className="question-title">{pick(text.title)}</span>}>
      <div className="question-help">{pick(text.help)}</div>
      {blocking.length > 0 && (
        <div className="question-blocks" data-testid="question-blocks">
          {t('calc.question.blocks', { n: blocking.length })}
          {blocking.map((id) => <Tag key={id} className="code-tag">{catalogue.get(id) ?? id}</Tag>)}
        </div>
      )}
      {answered && <div className="muted question-answered">{t(`calc.answer.${answered}`)}</div>}
      <GroupEditor group={group} rows={rows} onChange={(next) => q.setRows(group, next)} year={q.year} />
      {incomplete.length > 0 && <Alert type="warning" showIcon className="calc-problems" title={t('calc.question.incomplete', { n: incomplete.map((i) => i + 1).join(', ') })} />}
      <Problems q={q} prefix={(p) => p.startsWith(`$.${group}`)} />
      <div className="question-actions">
        <Button type="primary" disabled={!entries || incomplete.length > 0} loading={q.advancing} onClick={() => q.answer(group, 'answered')} data-testid="calculator-next">
          {t('calc.next')}
        </Button>
        <Button onClick={() => q.answer(group, 'none')} disabled={q.advancing} data-testid="calculator-none">{pick(text.none)}</Button>
        <Button type="text" onClick={() => q.answer(group, 'skipped')} disabled={q.advancing} data-testid="calculator-skip">{t('calc.skip')}</Button>
      </div>
    </Card>
  );
}

export function DoneCard({ q }: { q: Questionnaire }) {
  const { t, pick } = useI18n();
  return (
    <Card size="small" className="calc-card calc-done" data-testid="calculator-done">
      <div className="done-title">✓ {t('calc.doneTitle')}</div>
      {q.open.length > 0 && (
        <div className="muted">
          {t('calc.doneOpen')}
          {q.open.map((g) => <Button key={g} size="small" type="link" onClick={() => q.ask(g)}>{pick(GROUP_TEXT[g].title)}</Button>)}
        </div>
      )}
    </Card>
  );
}

/** Every question with how it stands; a click opens it. */
export function QuestionList({ q }: { q: Questionnaire }) {
  const { t, pick } = useI18n();
  const [all, setAll] = useState(false);
  const blocking = new Map(q.ev.evaluation?.next_questions.map((n) => [n.fact, n.provisions.length]) ?? []);
  const relevant = (g: GroupId) => g === q.current || q.draft.answers[g] !== undefined || blocking.has(g);
  const shown = all ? GROUPS : GROUPS.filter(relevant);
  const status = (g: GroupId) => {
    if (g === q.current) return <Tag color="red">{t('calc.status.current')}</Tag>;
    const a = q.draft.answers[g];
    if (a === 'answered') return <Tag color="green">{t('calc.status.answered')}</Tag>;
    if (a === 'none') return <Tag color="default">{t('calc.status.none')}</Tag>;
    if (a === 'skipped') return <Tag color="orange">{t('calc.status.skipped')}</Tag>;
    if (blocking.has(g)) return <Tag color="blue">{t('calc.status.open', { n: blocking.get(g)! })}</Tag>;
    return <Tag>{t('calc.status.notNeeded')}</Tag>;
  };
  return (
    <Card size="small" className="calc-card calc-question-list" title={t('calc.questions')} data-testid="question-list">
      <ul className="question-list">
        {shown.map((g) => (
          <li key={g} className={g === q.current ? 'is-current' : undefined}>
            <Button type="link" size="small" onClick={() => q.ask(g)} data-testid={`question-link-${g}`}>{pick(GROUP_TEXT[g].title)}</Button>
            {status(g)}
          </li>
        ))}
      </ul>
      <Button size="small" type="text" onClick={() => setAll((a) => !a)} data-testid="question-list-all">{all ? t('calc.questions.relevant') : t('calc.questions.all')}</Button>
      <Button size="small" type="text" danger onClick={q.reset} data-testid="calculator-reset">{t('calc.reset')}</Button>
    </Card>
  );
}
