import { createHash } from 'node:crypto';
import type { AgreementStore } from '../../../subgraphs/governance/agreements/AgreementStore';
import type { DocumentOwner, TrustedDocuments } from '../../../subgraphs/governance/agreements/TrustedDocuments';
import { validateOperation, type PublicationSchema } from './validateOperation';

export interface OperationFile {
  /** Where it came from (named in every message). */
  file: string;
  text: string;
}

export type PublicationResult =
  | { published: true; results: { file: string; name: string; version: number; sha256: string; created: boolean }[] }
  | { published: false; problems: { file: string; problem: string }[] };

/**
 * [P14] Publishes operations for an agreement (or an internal client): every file is checked
 * first against the supergraph and the agreement's terms; if any fails, none is published and
 * each problem names its file and the field at fault. An agreement is published to only when
 * APPROVED or ACTIVE. Each operation is stored by the SHA-256 of its text, versioned by name.
 */
export async function publishOperations(
  files: readonly OperationFile[],
  owner: DocumentOwner,
  schema: PublicationSchema,
  stores: { documents: TrustedDocuments; agreements: AgreementStore },
  by: string,
): Promise<PublicationResult> {
  let scope = null;
  if ('agreement' in owner) {
    const agreement = await stores.agreements.get(owner.agreement);
    if (!agreement) return { published: false, problems: [{ file: '-', problem: `no agreement ${owner.agreement}` }] };
    if (agreement.status !== 'APPROVED' && agreement.status !== 'ACTIVE') {
      return { published: false, problems: [{ file: '-', problem: `agreement ${agreement.number} is ${agreement.status}: operations are approved only for an APPROVED or ACTIVE agreement` }] };
    }
    scope = { number: agreement.number, systems: agreement.systems, categories: agreement.categories, purposes: agreement.purposes };
  }
  if (files.length === 0) return { published: false, problems: [{ file: '-', problem: 'no .graphql file to publish' }] };
  const checked = files.map((file) => ({ file, result: validateOperation(file.text, schema, scope) }));
  const problems = checked.flatMap(({ file, result }) => (result.ok ? [] : [{ file: file.file, problem: result.problem }]));
  const names = checked.flatMap(({ result }) => (result.ok ? [result.name] : []));
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  for (const name of new Set(repeated)) problems.push({ file: '-', problem: `operation name ${name} is used by more than one file` });
  if (problems.length) return { published: false, problems };
  const results = [];
  for (const { file, result } of checked) {
    if (!result.ok) continue;
    const sha256 = createHash('sha256').update(file.text).digest('hex');
    const { document, created } = await stores.documents.publish(owner, result.name, file.text, sha256, schema.sha256, by);
    results.push({ file: file.file, name: document.name, version: document.version, sha256, created });
  }
  return { published: true, results };
}
