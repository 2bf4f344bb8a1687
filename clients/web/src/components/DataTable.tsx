import { useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/useI18n.ts';

export interface Column<T> {
  key: string;
  header: string;
  /** Value used to sort and filter (and shown when there is no render). */
  value(row: T): string | number | null | undefined;
  render?(row: T): ReactNode;
  align?: 'left' | 'right';
}

interface DataTableProps<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string;
  initialSort?: { key: string; descending?: boolean };
  filterPlaceholder?: string;
  onRowClick?(row: T): void;
  empty?: ReactNode;
  testId?: string;
}

function compare(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (a == null && b == null) return 0;
  if (a == null) return 1; // blanks last
  if (b == null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** A table that sorts by any column (click the header) and filters on every column's text. */
export function DataTable<T>({ rows, columns, rowKey, initialSort, filterPlaceholder, onRowClick, empty, testId }: DataTableProps<T>) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState(initialSort ?? { key: columns[0]?.key ?? '', descending: false });

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const filtered = needle
      ? rows.filter((row) =>
          columns.some((c) =>
            String(c.value(row) ?? '')
              .toLowerCase()
              .includes(needle),
          ),
        )
      : [...rows];
    const column = columns.find((c) => c.key === sort.key);
    if (column)
      filtered.sort((a, b) => {
        const [x, y] = [column.value(a), column.value(b)];
        // Blanks (withheld, unknown) last in either direction.
        if (x == null || y == null) return compare(x, y);
        return compare(x, y) * (sort.descending ? -1 : 1);
      });
    return filtered;
  }, [rows, columns, filter, sort]);

  return (
    <div className="data-table" data-testid={testId}>
      <div className="table-tools">
        <input
          type="search"
          placeholder={filterPlaceholder ?? t('common:table.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label={t('common:table.filterRows')}
        />
        <span className="muted">
          {shown.length === rows.length
            ? t('common:table.rows', { count: rows.length })
            : t('common:table.someRows', { shown: shown.length, count: rows.length })}
        </span>
      </div>
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                className={c.align === 'right' ? 'num' : undefined}
                aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                onClick={() => setSort((s) => ({ key: c.key, descending: s.key === c.key ? !s.descending : false }))}
              >
                {c.header}
                <span className="sort-mark">{sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={rowKey(row)} onClick={onRowClick ? () => onRowClick(row) : undefined} className={onRowClick ? 'clickable' : undefined}>
              {columns.map((c) => (
                <td key={c.key} className={c.align === 'right' ? 'num' : undefined}>
                  {c.render ? c.render(row) : (c.value(row) ?? '')}
                </td>
              ))}
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty ?? t('common:table.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
