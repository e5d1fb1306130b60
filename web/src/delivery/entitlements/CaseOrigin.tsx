// A case a confirmed entitlement created: "免申即享 · 名单导入 <file> <date>", the import being its evidence.
import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { formatTime } from '../common.tsx';
import { useEt } from './messages.ts';
import type { CaseOrigin as Origin } from './types.ts';

export function CaseOrigin({ origin }: { origin: Origin }) {
  const et = useEt();
  return (
    <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="case-origin"
      title={et('ent.origin', { file: origin.import.file_name, date: origin.import.imported_at.slice(0, 10) })}
      description={<>
        {origin.import.title} · <Link to={`/review/entitlements?import=${origin.import.id}`}>{origin.import.id}</Link> · {et('ent.importedBy')} {origin.import.imported_by} · {formatTime(origin.import.imported_at)}
      </>} />
  );
}
