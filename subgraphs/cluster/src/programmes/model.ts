/** A programme as the resolvers serve it (the codegen mapper of SupportProgramme). */
export interface SupportProgrammeValue {
  id: string;
  name: string;
  anchorId: string;
  startDate: string;
  baselineWeeks: number;
  createdBy: string;
  createdAt: Date;
  suppliers: ProgrammeSupplierValue[];
}

/** One supplier of a programme (the codegen mapper of ProgrammeSupplier). */
export interface ProgrammeSupplierValue {
  programmeId: string;
  memberId: string;
  joinedAt: Date;
  startDate: string;
  baselineWeeks: number;
}

export interface ProgrammePeriodValue {
  from: string;
  to: string;
  weeks: number;
}
