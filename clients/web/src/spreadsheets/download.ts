import { SHEET_MEDIA_TYPES, type SheetFormat } from '@clustergraph/spreadsheets';

/** Hands the bytes to the browser as a download (an object URL, released once the click is done). */
export function downloadFile(bytes: Uint8Array, fileName: string, format: SheetFormat): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: SHEET_MEDIA_TYPES[format] }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
