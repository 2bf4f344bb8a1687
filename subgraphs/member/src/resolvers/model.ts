/** The parent object of every Member field: this instance serves exactly one firm, so its id is all there is. */
export interface MemberRef {
  id: string;
}
