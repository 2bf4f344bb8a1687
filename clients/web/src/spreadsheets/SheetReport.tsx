import type { ReactNode } from 'react';
import { rowProblemText, type MemberImportReport, type ParsedSheet, type RowProblem, type SheetKind } from '@clustergraph/spreadsheets';
import { useI18n } from '../i18n/useI18n.ts';

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
  const { t } = useI18n();
  return (
    <div className="sheet-report" data-testid="sheet-report">
      <p>
        <strong>{file}</strong> · {t('spreadsheets:checked', { rows: report?.rows ?? 0 })}
        {parsed.skipped > 0 && <> · {t('spreadsheets:skipped', { skipped: parsed.skipped })}</>}
      </p>
      {problems.length > 0 ? (
        <>
          <p className="missing" role="alert">
            {t('spreadsheets:problems', { count: problems.length })}
          </p>
          <table data-testid="sheet-problems">
            <thead>
              <tr>
                <th className="num">{t('spreadsheets:row')}</th>
                <th>{t('spreadsheets:column')}</th>
                <th>{t('spreadsheets:problem')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={`${p.row}-${p.column}-${i}`}>
                  <td className="num">{p.row ?? '—'}</td>
                  <td>{p.column ? `${p.column} · ${p.header ?? ''}` : '—'}</td>
                  <td>{rowProblemText(t, p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : parsed.rows.length === 0 ? (
        <p className="muted">{t('spreadsheets:noRows')}</p>
      ) : (
        <p className="sheet-ok">{t('spreadsheets:allPass')}</p>
      )}
      {children}
    </div>
  );
}
