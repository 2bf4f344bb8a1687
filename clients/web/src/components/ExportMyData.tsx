import { useState } from 'react';
import { useMutation } from 'urql';
import { ExportMemberDataDocument, decodeTokenClaims } from '@clustergraph/sdk';
import { ApiErrors } from './ApiErrors.tsx';
import { useI18n } from '../i18n/useI18n.ts';

/** Whether the signed-in user is an admin by the token's `roles` claim; a token without that claim leaves it to the server. */
export function mayExport(token: string): boolean {
  const roles = decodeTokenClaims(token)['roles'];
  return !Array.isArray(roles) || roles.includes('admin');
}

function download(fileName: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/gzip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

export interface ExportedArchive {
  fileName: string;
  sizeBytes: number;
  rows: number;
  lastEventSeq: number;
  sha: string;
  transferState: string;
}

/** Exports the firm's archive and downloads it as a file (My data's export, and the move's step 2). */
export function useExportArchive(memberId: string) {
  const [state, exportData] = useMutation(ExportMemberDataDocument);
  const [done, setDone] = useState<ExportedArchive | null>(null);
  async function exportNow(): Promise<ExportedArchive | null> {
    setDone(null);
    const result = await exportData({ memberId });
    const answer = result.data?.exportMemberData;
    if (!answer) return null;
    download(answer.fileName, answer.archiveBase64);
    const exported = {
      fileName: answer.fileName,
      sizeBytes: answer.sizeBytes,
      rows: answer.manifest.tables.reduce((sum, t) => sum + t.rows, 0),
      lastEventSeq: answer.manifest.lastEventSeq,
      sha: answer.manifest.contentSha256,
      transferState: answer.manifest.transferState,
    };
    setDone(exported);
    return exported;
  }
  return { exportNow, fetching: state.fetching, error: state.error, done };
}

/** What an export wrote, in a sentence (file, size, rows, last seq, the start of its sha256). */
export function ExportDone({ done, testId = 'export-done' }: { done: ExportedArchive; testId?: string }) {
  const { t, fmt } = useI18n();
  return (
    <p data-testid={testId}>
      {t('myData:export.done', { fileName: done.fileName, bytes: fmt.number(done.sizeBytes), rows: fmt.number(done.rows), seq: done.lastEventSeq })}{' '}
      <span className="muted">sha256 {done.sha.slice(0, 16)}…</span>
    </p>
  );
}

/** "Export my data": the firm's archive (README "Leaving a cluster"), downloaded as a file; the member server refuses anyone but the firm's admins. */
export function ExportMyData({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const archive = useExportArchive(memberId);
  return (
    <section data-testid="export-my-data">
      <h2>{t('myData:export.heading')}</h2>
      <p className="muted">{t('myData:export.intro', { command: 'pnpm member:import' })}</p>
      <button type="button" disabled={archive.fetching} onClick={() => void archive.exportNow()}>
        {archive.fetching ? t('myData:export.exporting') : t('myData:export.button')}
      </button>
      <ApiErrors error={archive.error} />
      {archive.done && <ExportDone done={archive.done} />}
    </section>
  );
}
