import { useState, type ChangeEvent } from 'react';
import { useClient } from 'urql';
import {
  allProblems,
  fileErrorText,
  importInput,
  isSpreadsheetError,
  readSheet,
  readyToImport,
  sheetFileName,
  writeSheet,
  type MemberImportReport,
  type ParsedSheet,
  type SheetFormat,
  type SheetKind,
  type SpreadsheetError,
} from '@clustergraph/spreadsheets';
import { ApiErrors } from '../components/ApiErrors.tsx';
import { downloadFile } from './download.ts';
import { importSheetRows, loadSheetContent, SheetRequestError } from './sheetData.ts';
import { SheetReport } from './SheetReport.tsx';
import { useI18n } from '../i18n/useI18n.ts';
import './sheets.css';

type Step =
  | { name: 'idle' }
  | { name: 'reading'; file: string }
  | { name: 'refused'; file: string; error: SpreadsheetError }
  | { name: 'reported'; file: string; parsed: ParsedSheet<SheetKind>; report: MemberImportReport | null }
  | { name: 'importing'; file: string; parsed: ParsedSheet<SheetKind>; report: MemberImportReport | null }
  | { name: 'done'; written: number };

const SPANS: Record<SheetKind, number[]> = { capacity: [4, 8, 12, 26, 52], production: [7, 14, 28] };

/**
 * A firm's own spreadsheet panel: download a filled template or an export, upload a file →
 * the report of every problem (row, column, what is wrong; nothing written) → import, all
 * rows or none. The file is read here, in the browser; only its rows go to the member.
 */
export function SheetTransfer({ kind, memberId, onImported }: { kind: SheetKind; memberId: string; onImported?(): void }) {
  const client = useClient();
  // Templates and exports get the reader's language in their headers (an import reads both).
  const { t, language } = useI18n();
  const [format, setFormat] = useState<SheetFormat>('xlsx');
  const [span, setSpan] = useState(SPANS[kind][kind === 'capacity' ? 2 : 0]!);
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const [requestError, setRequestError] = useState<SheetRequestError | null>(null);

  const fail = (error: unknown) => {
    if (error instanceof SheetRequestError) setRequestError(error);
    else throw error;
  };

  const download = async (template: boolean) => {
    setRequestError(null);
    try {
      const content = await loadSheetContent(client, kind, memberId, span, template);
      const bytes = await writeSheet(kind, content.rows, { format, language, processes: content.processes });
      downloadFile(bytes, sheetFileName(kind, memberId, template ? `template-${content.label}` : content.label, format), format);
    } catch (error) {
      fail(error);
    }
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setRequestError(null);
    setStep({ name: 'reading', file: file.name });
    let parsed: ParsedSheet<SheetKind>;
    try {
      parsed = await readSheet(kind, new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      if (!isSpreadsheetError(error)) throw error;
      setStep({ name: 'refused', file: file.name, error });
      return;
    }
    try {
      // The member checks the rows that read cleanly: one upload shows every problem there is.
      const input = importInput(parsed);
      const report = input.length ? await importSheetRows(client, kind, memberId, input, true) : null;
      setStep({ name: 'reported', file: file.name, parsed, report });
    } catch (error) {
      setStep({ name: 'idle' });
      fail(error);
    }
  };

  const runImport = async () => {
    if (step.name !== 'reported') return;
    setStep({ ...step, name: 'importing' });
    try {
      const report = await importSheetRows(client, kind, memberId, importInput(step.parsed), false);
      setStep({ name: 'done', written: report.written });
      onImported?.();
    } catch (error) {
      setStep({ ...step, name: 'reported' });
      fail(error);
    }
  };

  const checked = step.name === 'reported' || step.name === 'importing' ? step : null;
  const problems = checked ? allProblems(checked.parsed, checked.report) : [];
  return (
    <section className="sheet-transfer" data-testid={`sheet-${kind}`}>
      <h3>{t(kind === 'capacity' ? 'spreadsheets:capacityTitle' : 'spreadsheets:productionTitle')}</h3>
      <div className="sheet-row">
        <label>
          {t('spreadsheets:format')}{' '}
          <select value={format} onChange={(e) => setFormat(e.target.value as SheetFormat)} aria-label={t('spreadsheets:format')}>
            <option value="xlsx">{t('spreadsheets:formatXlsx')}</option>
            <option value="csv">{t('spreadsheets:formatCsv')}</option>
          </select>
        </label>
        <label>
          {t(kind === 'capacity' ? 'spreadsheets:weeks' : 'spreadsheets:days')}{' '}
          <select
            value={span}
            onChange={(e) => setSpan(Number(e.target.value))}
            aria-label={t(kind === 'capacity' ? 'spreadsheets:weeks' : 'spreadsheets:days')}
          >
            {SPANS[kind].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void download(true)} data-testid="sheet-template">
          {t('spreadsheets:downloadTemplate')}
        </button>
        <button type="button" onClick={() => void download(false)} data-testid="sheet-export">
          {t('spreadsheets:export')}
        </button>
        <label className="sheet-upload">
          {t('spreadsheets:upload')}
          {/* The browser's own "Choose file" words stay hidden: the label is the button, in the reader's language. */}
          <input
            type="file"
            className="sr-only"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => void upload(e)}
            data-testid="sheet-file"
          />
        </label>
      </div>
      {requestError && <ApiErrors error={requestError.error} />}
      {requestError && !requestError.error && (
        <div className="api-errors" role="alert">
          ⚠ {requestError.message}
        </div>
      )}
      {step.name === 'reading' && <p className="muted">{t('spreadsheets:reading', { file: step.file })}</p>}
      {step.name === 'refused' && (
        <div className="sheet-refused" role="alert" data-testid="sheet-refused">
          {t('spreadsheets:refused', { file: step.file, message: fileErrorText(t, step.error, language) })}
        </div>
      )}
      {checked && (
        <SheetReport file={checked.file} parsed={checked.parsed} report={checked.report} problems={problems}>
          <div className="sheet-row">
            <button
              type="button"
              disabled={!readyToImport(checked.parsed, checked.report) || step.name === 'importing'}
              onClick={() => void runImport()}
              data-testid="sheet-import"
            >
              {step.name === 'importing' ? t('spreadsheets:importing') : t('spreadsheets:import', { rows: checked.parsed.rows.length })}
            </button>
            <button type="button" onClick={() => setStep({ name: 'idle' })}>
              {t('spreadsheets:cancel')}
            </button>
          </div>
        </SheetReport>
      )}
      {step.name === 'done' && (
        <div className="sheet-done" role="status" data-testid="sheet-done">
          {t('spreadsheets:imported', { written: step.written })}
        </div>
      )}
    </section>
  );
}
