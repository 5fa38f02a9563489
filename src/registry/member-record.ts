import type { z } from 'zod';
import type { MemberInput } from '../core/contracts/household';
import { birthDateOf, maskResidentId, sexOf } from '../core/contracts/resident-id';
import type { PiiCipher } from './pii-cipher';

/** A member's row: the ID number only as HMAC, ciphertext and masked form; birth date and sex derived from it. */
export function memberRecord(pii: PiiCipher, id: string, m: z.infer<typeof MemberInput>) {
  return {
    id,
    name: m.name,
    idNumberHmac: pii.lookupHash(m.idNumber),
    idNumberEncrypted: pii.encrypt(m.idNumber),
    idNumberMasked: maskResidentId(m.idNumber),
    birthDate: new Date(`${birthDateOf(m.idNumber)}T00:00:00Z`),
    sex: sexOf(m.idNumber),
    relation: m.relation,
    labourCapacity: m.labourCapacity,
    disabilityType: m.disability?.type ?? null,
    disabilityGrade: m.disability?.grade ?? null,
    seriousIllness: m.seriousIllness,
    employed: m.employed,
    student: m.student,
  };
}
