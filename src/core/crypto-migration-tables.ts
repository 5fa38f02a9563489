// Zod-free, so the workflow bundle can import it without building schemas in each workflow.

/** The columns a migration re-seals or re-hashes, in the order it walks them. */
export const CRYPTO_MIGRATION_TABLES = ['member', 'emergency_case', 'complaint'] as const;
