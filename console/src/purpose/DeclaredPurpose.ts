/** The purpose a user declares before any record is fetched [P5]: sent as X-Purpose, X-Case-Number, X-Justification. */
export interface DeclaredPurpose {
  code: string;
  caseNumber: string;
  justification: string;
}
