/**
 * The document types a step still lacks: the rows of parameter archive.required_documents for
 * that step (task type, e.g. REVIEW needs HOME_VISIT_FORM) less the types on the case.
 */
export function missingDocuments(
  required: readonly { step: string; type: string }[],
  step: string,
  present: Iterable<string>,
): string[] {
  const have = new Set(present);
  return [...new Set(required.filter((r) => r.step === step).map((r) => r.type))].filter((t) => !have.has(t));
}
