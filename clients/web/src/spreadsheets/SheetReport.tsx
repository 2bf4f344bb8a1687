import type { ReactNode } from 'react';
import type { MemberImportReport, ParsedSheet, RowProblem, SheetKind } from '@clustergraph/spreadsheets';
import { sheetText as t } from './strings.ts';

/** What an upload would do: rows checked, rows skipped, and every problem by row and column. */
export function SheetReport({
  file,
  parsed,
  report,
  problems,
  children,
}: {
  file: string;
  parsed: ParsedSheet<SheetKind>;
  report: MemberImportReport | null;
  problems: readonly RowProblem[];
  children: ReactNode;
}) {
  return (
    <div className="sheet-report" data-testid="sheet-report">
      <p>
        <strong>{file}</strong> · {t('checked', { rows: report?.rows ?? 0 })}
        {parsed.skipped > 0 && <> · {t('skipped', { skipped: parsed.skipped })}</>}
      </p>
      {problems.length > 0 ? (
        <>
          <p className="missing" role="alert">
            {t('problems', { count: problems.length })}
          </p>
          <table data-testid="sheet-problems">
            <thead>
              <tr>
                <th className="num">{t('row')}</th>
                <th>{t('column')}</th>
                <th>{t('problem')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={`${p.row}-${p.column}-${i}`}>
                  <td className="num">{p.row ?? '—'}</td>
                  <td>{p.column ? `${p.column} · ${p.header ?? ''}` : '—'}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : parsed.rows.length === 0 ? (
        <p className="muted">{t('noRows')}</p>
      ) : (
        <p className="sheet-ok">{t('allPass')}</p>
      )}
      {children}
    </div>
  );
}
