import type { Client, CombinedError } from 'urql';
import {
  ImportCapacityDocument,
  ImportProductionDocument,
  SheetCapacityDocument,
  SheetProductionDocument,
  addDays,
  addWeeks,
  mondayOf,
  weeksFrom,
  type CapacityInput,
  type ProcessType,
  type ProductionRecordInput,
} from '@clustergraph/sdk';
import {
  capacityExportRows,
  capacityTemplateRows,
  firmProcesses,
  productionExportRows,
  productionTemplateRows,
  type MemberImportReport,
  type SheetKind,
  type SheetRowDraft,
} from '@clustergraph/spreadsheets';
import { PLANNING } from '../urqlClient.ts';

/** Rows for a template or an export, and the firm's processes for the XLSX drop-down. */
export interface SheetContent {
  rows: Array<SheetRowDraft<SheetKind>>;
  processes: ProcessType[];
  /** First week or day, for the file name. */
  label: string;
}

/** A read or write that did not come back whole: the error is shown, no file is made. */
export class SheetRequestError extends Error {
  constructor(readonly error: CombinedError | undefined) {
    super(error?.message ?? 'the member sent no data');
  }
}

const fresh = { ...PLANNING, requestPolicy: 'network-only' as const };

/** Reads the firm's calendar (`span` weeks from this week) or records (the last `span` days). */
export async function loadSheetContent(client: Client, kind: SheetKind, memberId: string, span: number, template: boolean): Promise<SheetContent> {
  if (kind === 'capacity') {
    const from = mondayOf();
    const answer = await client.query(SheetCapacityDocument, { id: memberId, from, to: addWeeks(from, span - 1) }, fresh).toPromise();
    const member = answer.data?.member;
    if (answer.error || !member?.capacity) throw new SheetRequestError(answer.error);
    const processes = firmProcesses(member.capabilities ?? [], member.lines ?? []);
    const rows = template ? capacityTemplateRows(processes, weeksFrom(from, span), member.capacity) : capacityExportRows(member.capacity);
    return { rows, processes, label: from };
  }
  const today = new Date().toISOString().slice(0, 10);
  const from = addDays(today, 1 - span);
  const answer = await client.query(SheetProductionDocument, { id: memberId, from, to: today }, fresh).toPromise();
  const member = answer.data?.member;
  if (answer.error || !member?.production) throw new SheetRequestError(answer.error);
  const rows = template
    ? productionTemplateRows(
        (member.lines ?? []).map((l) => l.id),
        member.production,
      )
    : productionExportRows(member.production);
  return { rows, processes: [], label: from };
}

/** The member's import mutation; a dry run checks every row and writes nothing. */
export async function importSheetRows(client: Client, kind: SheetKind, memberId: string, input: unknown[], dryRun: boolean): Promise<MemberImportReport> {
  if (kind === 'capacity') {
    const answer = await client.mutation(ImportCapacityDocument, { memberId, input: input as CapacityInput[], dryRun }, PLANNING).toPromise();
    if (answer.error || !answer.data) throw new SheetRequestError(answer.error);
    return answer.data.importCapacity;
  }
  const answer = await client.mutation(ImportProductionDocument, { memberId, input: input as ProductionRecordInput[], dryRun }, PLANNING).toPromise();
  if (answer.error || !answer.data) throw new SheetRequestError(answer.error);
  return answer.data.importProduction;
}
