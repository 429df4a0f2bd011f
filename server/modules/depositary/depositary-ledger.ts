/** The depositary's acts in force on a document: those no later act supersedes. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Acts recorded by the depositary for `documentId` that no correction has superseded, oldest first. */
export async function effectiveActs(db: Kysely<DB> | Transaction<DB>, documentId: string) {
  return db
    .selectFrom('depositary_act as a')
    .selectAll('a')
    .where('a.document_id', '=', documentId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('depositary_act as b').select('b.id').whereRef('b.supersedes', '=', 'a.id'))))
    .orderBy('a.date')
    .orderBy('a.state_iso2')
    .execute();
}
