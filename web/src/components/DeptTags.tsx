// Departments as tags linking to their pages.
import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { DepartmentRef } from '../../../src/services/policy-views.ts';
import { useI18n } from '../i18n.ts';

export function DeptTag({ dept, color = 'red' }: { dept: DepartmentRef; color?: string }) {
  const { isEn } = useI18n();
  return (
    <Link to={`/departments/${encodeURIComponent(dept.id)}`} data-testid="dept-tag">
      <Tag color={color} variant="outlined" style={{ cursor: 'pointer', marginInlineEnd: 6, marginBottom: 4 }} title={isEn ? dept.name : dept.name_en}>
        {isEn ? dept.name_en : dept.name}
      </Tag>
    </Link>
  );
}

export function DeptTags({ depts, color }: { depts: readonly DepartmentRef[]; color?: string }) {
  return (
    <span className="dept-tags">
      {depts.map((d) => <DeptTag key={d.id} dept={d} color={color} />)}
    </span>
  );
}
