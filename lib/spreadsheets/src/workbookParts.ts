/**
 * Reads just enough of a workbook's XML, as text, to know where its first sheet is and how many
 * rows that sheet has — so that a 100,000-row sheet is refused before ExcelJS builds a cell
 * object for each of its rows.
 */

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

/** The archive entries this reads (the others are checked for size and inflated, then dropped). */
export function isWorkbookPart(name: string): boolean {
  return name === WORKBOOK || name === WORKBOOK_RELS || /^xl\/worksheets\/[^/]+\.xml$/.test(name);
}

export function isWorkbook(names: Iterable<string>): boolean {
  return [...names].includes(WORKBOOK);
}

function attribute(element: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
}

/** The archive path of the workbook's first sheet (in the workbook's tab order), when it can be told. */
export function firstSheetPath(parts: ReadonlyMap<string, string>): string | undefined {
  const workbook = parts.get(WORKBOOK);
  const rels = parts.get(WORKBOOK_RELS);
  if (!workbook || !rels) return undefined;
  const sheet = /<(?:\w+:)?sheet\s[^>]*>/.exec(workbook)?.[0];
  const relationId = sheet ? /\s(?:\w+:)?id="([^"]*)"/.exec(sheet)?.[1] : undefined;
  if (!relationId) return undefined;
  for (const [relationship] of rels.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    if (attribute(relationship, 'Id') !== relationId) continue;
    const target = attribute(relationship, 'Target');
    if (!target) return undefined;
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  return undefined;
}

/** Row elements in a sheet's XML (empty ones too: ExcelJS would make a row of each). */
export function countRows(sheetXml: string): number {
  let count = 0;
  for (const _ of sheetXml.matchAll(/<(?:\w+:)?row[\s>/]/g)) count++;
  return count;
}
